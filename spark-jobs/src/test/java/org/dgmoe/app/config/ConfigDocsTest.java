package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The key tables of docs/config.md are rendered from {@link StudySchema}: each block between
 * {@code <!-- keys: PREFIX -->} and {@code <!-- /keys -->} lists the declared keys under PREFIX (those
 * not under a longer prefix of another block). The test fails when the file and the declaration
 * drift; {@code -Ddgmoe.docs.write=true} rewrites the blocks. The block between {@code <!-- synonyms -->} and
 * {@code <!-- /synonyms -->} is {@link StudySchema#SYNONYMS}, rendered the same way.
 */
class ConfigDocsTest {
    private static final Path DOCS = Path.of("../docs/config.md");
    private static final Pattern BLOCK = Pattern.compile("(<!-- keys: (\\S+) -->\\n)(.*?)(<!-- /keys -->)",
            Pattern.DOTALL);
    private static final Pattern SYNONYMS = Pattern.compile("(<!-- synonyms -->\\n)(.*?)(<!-- /synonyms -->)",
            Pattern.DOTALL);

    @Test
    void theKeyTablesOfConfigMdAreTheDeclaration() throws IOException {
        String text = Files.readString(DOCS);
        List<String> prefixes = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            prefixes.add(m.group(2));
        }
        StringBuilder out = new StringBuilder();
        m.reset();
        Set<String> rendered = new HashSet<>();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table(m.group(2), prefixes, rendered)
                    + m.group(4)));
        }
        m.appendTail(out);
        Matcher synonyms = SYNONYMS.matcher(out.toString());
        assertTrue(synonyms.find(), "docs/config.md has no <!-- synonyms --> block");
        out = new StringBuilder(out.substring(0, synonyms.start(2)) + synonymTable() + out.substring(synonyms.end(2)));
        for (Key k : StudySchema.KEYS) {
            assertTrue(rendered.contains(k.path()), k.path() + " is declared but in no table of docs/config.md");
        }
        if (Boolean.getBoolean("dgmoe.docs.write")) {
            Files.writeString(DOCS, out.toString());
        }
        assertEquals(out.toString(), text, "docs/config.md and StudySchema drifted; rerun this test with "
                + "-Ddgmoe.docs.write=true to rewrite the tables, and review the diff");
    }

    private static String table(String prefix, List<String> prefixes, Set<String> rendered) {
        StringBuilder sb = new StringBuilder("| key | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
        for (Key k : StudySchema.KEYS) {
            if (!under(k.path(), prefix) || prefixes.stream().anyMatch(p -> p.length() > prefix.length()
                    && under(p, prefix) && under(k.path(), p))) {
                continue;
            }
            rendered.add(k.path());
            String name = k.path().substring(prefix.length()).replaceFirst("^\\.", "").replace("[]", "[i]");
            sb.append("| `").append(name).append("` | ").append(k.type().text()).append(" | ")
                    .append(k.defaultDoc()).append(" | ").append(allowed(k)).append(" | ").append(k.doc())
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** The synonyms of {@link StudySchema#SYNONYMS}, in their order. */
    private static String synonymTable() {
        StringBuilder sb = new StringBuilder("| written | dgmoe's key, where allowed | note |\n|---|---|---|\n");
        for (KeySynonym s : StudySchema.SYNONYMS) {
            sb.append("| `").append(String.join("`, `", s.names())).append("` | `").append(s.key()).append("` | ")
                    .append(s.note().isEmpty() ? "—" : s.note()).append(" |\n");
        }
        return sb.toString();
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix + ".") || path.startsWith(prefix + "[]");
    }

    private static String allowed(Key k) {
        List<String> parts = new ArrayList<>();
        if (!k.values().isEmpty()) {
            parts.add("`" + String.join("`, `", k.values()) + "`");
        }
        if (k.range() != null) {
            parts.add(k.range().describe().replace(">=", "≥").replace("<=", "≤"));
        }
        if (!k.constraint().isEmpty()) {
            parts.add(k.constraint());
        }
        return parts.isEmpty() ? "—" : String.join("; ", parts);
    }
}
