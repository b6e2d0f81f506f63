package org.dgmoe.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dgmoe.app.base.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules that decide which folders dgmoe may replace or delete (the commands' tests run them for real). */
class LocalFolderTest {
    static final LocalFolder.Kind PAGE = new LocalFolder.Kind("page", "page", List.of("index.html", "figures",
            "figures/*.png"), "index.html");

    @TempDir
    Path tmp;

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aKindNamesItsCommandAndRequiresAnEntryItWrites() {
        assertThrows(IllegalArgumentException.class, () -> new LocalFolder.Kind("page", "page", List.of("a.html"),
                "index.html"));
        assertThrows(IllegalArgumentException.class, () -> new LocalFolder.Kind("two words", "page",
                List.of("index.html"), "index.html"));
    }

    @Test
    void onlyWhatTheKindWroteIsReplaceable() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("f/figures"));
        assertEquals(Optional.empty(), LocalFolder.foreign(Files.createDirectories(tmp.resolve("empty")), PAGE),
                "an empty folder is free");
        assertEquals(Optional.of("it holds no index.html"), LocalFolder.foreign(folder.getParent(), PAGE),
                "an earlier page always held index.html");
        Files.writeString(folder.resolve("a.png"), "png");
        assertEquals(Optional.of("it holds no index.html"), LocalFolder.foreign(folder.getParent(), PAGE));
        Files.writeString(folder.resolveSibling("index.html"), "<html/>");
        assertEquals(Optional.empty(), LocalFolder.foreign(folder.getParent(), PAGE));
        for (int i = 0; i < 10; i++) {
            Files.writeString(folder.resolve("x" + i + ".pdf"), "pdf");
        }
        assertEquals(Optional.of("it holds figures/x0.pdf, figures/x1.pdf, figures/x2.pdf, figures/x3.pdf, "
                + "figures/x4.pdf, figures/x5.pdf, figures/x6.pdf, figures/x7.pdf and 2 more"),
                LocalFolder.foreign(folder.getParent(), PAGE));
        InputException e = assertThrows(InputException.class, () -> LocalFolder.checkReplaceable(folder.getParent(),
                "--out", PAGE));
        assertTrue(e.getMessage().startsWith("--out " + folder.getParent() + ": exists and is not a dgmoe page (it holds "
                + "figures/x0.pdf"), e.getMessage());
    }

    @Test
    void aLiveRunsStagingAndAsideFoldersAreLeftAlone() throws Exception {
        long pid = ProcessHandle.current().pid();
        Path target = tmp.resolve("out");
        Path staging = LocalFolder.stage(target, PAGE);
        Files.createDirectories(tmp.resolve(".out.old-" + pid + "-1"));
        LocalFolder.checkReplaceable(target, "--out", PAGE);
        assertEquals(List.of(".out.old-" + pid + "-1", staging.getFileName().toString()), names(),
                "a running swap is not undone, nor its staging folder deleted");

        Files.writeString(staging.resolve("index.html"), "<html/>");
        LocalFolder.replace(staging, target, PAGE);
        assertEquals(List.of("index.html"), Files.readAllLines(target.resolve(LocalFolder.MARKER)).subList(1, 2));
        assertEquals(List.of(".out.old-" + pid + "-1", "out"), names());
    }
}
