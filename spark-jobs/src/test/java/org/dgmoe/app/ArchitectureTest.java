package org.dgmoe.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.dgmoe.app.base.Command;
import org.dgmoe.core.random.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The house rules docs/architecture.md states, checked on the compiled classes with the JDK's jdeps
 * (so an import hidden in a fully qualified name counts too): no cycle among dgmoe's packages, core
 * free of Spark, HOCON and the app, every command in a package of its own that uses no other command's
 * package, no main source file over 500 lines, no main class named like a unit test, and each field of
 * a fit spelled only where it is declared.
 */
class ArchitectureTest {

    /** Package → the dgmoe packages it uses, from {@code jdeps -verbose:package} over both modules. */
    private static Map<String, Set<String>> packageGraph() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        String core = Path.of(Seeds.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String app = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = jdeps.run(print, print, "-verbose:package", "-filter:none", "--multi-release", "17", core, app);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : text.split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length >= 3 && p[1].equals("->") && p[0].startsWith("org.dgmoe.")) {
                Set<String> uses = graph.computeIfAbsent(p[0], x -> new TreeSet<>());
                if (!p[2].equals(p[0])) {
                    uses.add(p[2]);
                }
            }
        }
        return graph;
    }

    @Test
    void dgmoePackagesFormNoCycle() throws Exception {
        Map<String, Set<String>> graph = packageGraph();
        assertTrue(graph.containsKey("org.dgmoe.app.sweep") && graph.containsKey("org.dgmoe.core.em"), graph::toString);
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> path = cycleThrough(start, graph);
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    /** A path start → … → start through dgmoe packages, or null. */
    private static List<String> cycleThrough(String start, Map<String, Set<String>> graph) {
        record Step(String pkg, List<String> path) {
        }
        java.util.ArrayDeque<Step> todo = new java.util.ArrayDeque<>();
        todo.add(new Step(start, List.of(start)));
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            Step s = todo.poll();
            for (String next : graph.getOrDefault(s.pkg(), Set.of())) {
                List<String> path = new ArrayList<>(s.path());
                path.add(next);
                if (next.equals(start)) {
                    return path;
                }
                if (seen.add(next)) {
                    todo.add(new Step(next, path));
                }
            }
        }
        return null;
    }

    @Test
    void coreKnowsNothingOfSparkHoconOrTheApp() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        String core = Path.of(Seeds.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        jdeps.run(print, print, "-verbose:package", "-filter:none", core);
        List<String> bad = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length >= 3 && p[0].startsWith("org.dgmoe.") && p[1].equals("->") && !(p[2].startsWith("java.") || p[2].startsWith("org.dgmoe.core")
                    || p[2].startsWith("org.apache.commons.math3") || p[2].startsWith("org.apache.commons.rng")
                    || p[2].startsWith("org.apache.commons.statistics") || p[2].startsWith("jdk.incubator.vector"))) {
                bad.add(p[0] + " -> " + p[2]);
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void noMainSourceFileIsOver500Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (String root : List.of("../core/src/main/java", "src/main/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    long lines;
                    try (Stream<String> l = Files.lines(f)) {
                        lines = l.count();
                    }
                    if (lines > 500) {
                        tooLong.add(f + ": " + lines);
                    }
                }
            }
        }
        assertEquals(List.of(), tooLong);
    }

    /**
     * No main class is named like a unit test: Surefire's default includes pick test classes by the
     * suffixes {@code Test}, {@code Tests} and {@code TestCase}, and so do people and tools reading a
     * tree ({@code GofTest.java} and {@code StudyTest.java} were taken for tests). Every declared type
     * counts, nested ones too, since a source file's name is only its top-level type's. The prefix
     * {@code Test} stays allowed in main code: it names what belongs to {@code dgmoe test} and the
     * {@code tests/} table ({@code TestCommand}, {@code TestRow}).
     */
    @Test
    void noMainClassIsNamedLikeATest() throws IOException {
        java.util.regex.Pattern declaration = java.util.regex.Pattern.compile(
                "\\b(?:class|interface|enum|record)\\s+([A-Z][A-Za-z0-9_]*)");
        List<String> misnamed = new ArrayList<>();
        int declared = 0;
        for (String root : List.of("../core/src/main/java", "src/main/java", "../bench/src/main/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    java.util.regex.Matcher m = declaration.matcher(Files.readString(f));
                    while (m.find()) {
                        declared++;
                        if (namedLikeATest(m.group(1))) {
                            misnamed.add(f + ": " + m.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(declared > 150, "the scan found only " + declared + " declarations");
        assertEquals(List.of(), misnamed);
    }

    /** Surefire's default suffixes of a test class. */
    static boolean namedLikeATest(String simpleName) {
        return simpleName.endsWith("Test") || simpleName.endsWith("Tests") || simpleName.endsWith("TestCase");
    }

    @Test
    void theTestNameRuleCanFail() {
        assertTrue(namedLikeATest("GofTest") && namedLikeATest("StudyTests") && namedLikeATest("PowerTestCase"));
        assertTrue(!namedLikeATest("GoodnessOfFit") && !namedLikeATest("TestRow") && !namedLikeATest("TestsTable")
                && !namedLikeATest("Latest"));
    }

    /** Package → the {@link Command}s declared in it, from the compiled classes of the app. */
    private static Map<String, List<String>> commandPackages() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, List<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, ArchitectureTest.class.getClassLoader());
                if (Command.class.isAssignableFrom(c) && !c.isInterface()
                        && !java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
                    out.computeIfAbsent(c.getPackageName(), x -> new ArrayList<>()).add(c.getSimpleName());
                }
            }
        }
        return out;
    }

    /**
     * Commands stand alone (docs/architecture.md): each command lives in a package of its own, and no
     * command's package uses another's; what two commands share lives in a package below all of them.
     */
    @Test
    void commandsStandAlone() throws Exception {
        Map<String, List<String>> commands = commandPackages();
        assertTrue(commands.size() >= 7, "the seven commands, found " + commands);
        List<String> shared = new ArrayList<>();
        commands.forEach((pkg, names) -> {
            if (names.size() > 1) {
                shared.add(pkg + " holds " + names);
            }
        });
        assertEquals(List.of(), shared, "one command per package");
        Map<String, Set<String>> graph = packageGraph();
        List<String> borrowed = new ArrayList<>();
        for (String pkg : commands.keySet()) {
            for (String used : graph.getOrDefault(pkg, Set.of())) {
                if (commands.containsKey(used)) {
                    borrowed.add(pkg + " -> " + used);
                }
            }
        }
        assertEquals(List.of(), borrowed, "a command package uses another command's package");
    }

    /**
     * Spellings of a fit field that may appear as a string literal outside the file declaring it, each
     * with its reason: the same word naming another record's value, not a second declaration of a fit's.
     */
    private static final Map<String, Set<String>> OTHER_RECORDS_SPELLINGS = Map.of(
            // the λ̂ of a null refit (nulls/) and of a tested fit (tests/), columns of those tables
            "NullsTable.java", Set.of("lambda_hat"), "TestsTable.java", Set.of("lambda_hat"),
            // curves/ counts the start-checked fits of a curve
            "CurvesTable.java", Set.of("start_checked"),
            // a loss file's key and a loss report's label for LossReport.wassersteinOrder; fits/ takes its
            // column from Metrics.WASSERSTEIN_ORDER
            "JsonFiles.java", Set.of("wassersteinOrder"), "Metrics.java", Set.of("wasserstein_order"));

    /**
     * The fit record is declared once (house style 15): no main source of either module spells a fit
     * field's column or JSON key as a string literal outside the file whose {@code Field.of} declares
     * it; everything else reads the spelling off the declaration ({@code FitDiagnostics.STATUS.column()}).
     * Single-word spellings ({@code status}, {@code n}, {@code seed}, {@code millis}) are ordinary words
     * of config keys, flags and other tables and are left out; every multi-word one is checked. The
     * table's schema is checked to be the declaration's, laid out once.
     */
    @Test
    void aFitFieldIsDeclaredOnce() throws IOException {
        Map<Path, String> sources = new TreeMap<>();
        for (String root : List.of("../core/src/main/java", "src/main/java", "../bench/src/main/java")) {
            if (!Files.isDirectory(Path.of(root))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    sources.put(f, Files.readString(f));
                }
            }
        }
        assertTrue(sources.size() > 100, "main sources found: " + sources.size());
        List<String> repeated = new ArrayList<>();
        for (org.dgmoe.core.field.Field<?> field : org.dgmoe.core.summary.FitRow.FIELDS) {
            String declaration = "(\"" + field.name() + "\",";
            Set<String> spellings = new TreeSet<>(List.of(field.name(), field.column(), field.key()));
            spellings.removeIf(w -> w.matches("[a-z0-9]+"));
            int declared = 0;
            for (Map.Entry<Path, String> source : sources.entrySet()) {
                String file = source.getKey().getFileName().toString();
                if (source.getValue().contains("Field.of" + declaration)
                        || source.getValue().contains("Field.ofEnum" + declaration)) {
                    declared++;
                    continue;
                }
                for (String w : spellings) {
                    if (source.getValue().contains("\"" + w + "\"")
                            && !OTHER_RECORDS_SPELLINGS.getOrDefault(file, Set.of()).contains(w)) {
                        repeated.add(source.getKey() + ": \"" + w + "\" (" + field.name() + ")");
                    }
                }
            }
            if (declared != 1) {
                repeated.add(field.name() + ": declared in " + declared + " files");
            }
        }
        assertEquals(List.of(), repeated, "a fit field spelled outside its declaration");

        org.dgmoe.core.study.Study study = org.dgmoe.app.sweep.FakeTasks.tinyStudy("fields", Map.of());
        List<String> derived = new ArrayList<>();
        org.dgmoe.core.summary.FitRow.LEADING.forEach(c -> derived.add(c.field().column()));
        derived.addAll(org.dgmoe.core.summary.StudyMetrics.columns(study));
        derived.addAll(org.dgmoe.core.summary.StudyMetrics.sizeColumns(study));
        org.dgmoe.core.summary.FitRow.TRAILING.forEach(c -> derived.add(c.field().column()));
        assertEquals(derived, List.of(new org.dgmoe.app.table.FitsTable(study).schema().fieldNames()));
    }
}
