package org.dgmoe.app.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A local output folder written whole or not at all (the report's and the export's): everything is
 * written into a hidden staging folder beside it, which then replaces it by renames on the same file
 * system; a failed write leaves the target as it was.
 */
public final class LocalFolder {
    private LocalFolder() {
    }

    /** A new hidden staging folder's path beside {@code target}, unique to this process and moment. */
    public static Path stagingFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".staging-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
    }

    /**
     * Replaces {@code target} by {@code staging}: an old target is renamed aside first and deleted
     * only once the new one is in place.
     */
    public static void replace(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Deletes {@code p} and everything below it, best effort (a leftover hidden folder harms nothing). */
    public static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            // best effort, see above
        }
    }
}
