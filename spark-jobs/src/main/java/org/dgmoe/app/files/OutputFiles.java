package org.dgmoe.app.files;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.dgmoe.app.base.InputException;

/**
 * Writes an output file all at once: into a hidden temporary file in the target's directory, then
 * renamed over the target. A failure at any point leaves no partial file and leaves an existing
 * target untouched.
 */
public final class OutputFiles {
    /** Writes the content of an output. */
    @FunctionalInterface
    public interface Body {
        void write(Writer w) throws IOException;
    }

    private OutputFiles() {
    }

    /** Checks, before any work, that {@code target} can be an output file (it is not a directory). */
    public static void checkTarget(Path target, String option) {
        if (Files.isDirectory(target)) {
            throw new InputException(option + " " + target + ": is a directory; give a file name");
        }
        checkWritable(target, option);
    }

    /**
     * Checks, before any work, that {@code target} (a file or a folder) can be created: the nearest
     * existing folder above it is a directory this process may write in (missing folders between are
     * created then).
     */
    public static void checkWritable(Path target, String option) {
        Path parent = target.toAbsolutePath().normalize().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null) {
            return;
        }
        if (!Files.isDirectory(parent)) {
            throw new InputException(option + " " + target + ": " + parent + " is not a directory");
        }
        if (!Files.isWritable(parent)) {
            throw new InputException(option + " " + target + ": cannot write in " + parent + " (not writable)");
        }
    }

    /** Writes {@code target} atomically (creating missing parent directories). */
    public static void write(Path target, Body body) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // Files.createFile (not createTempFile) so the result gets the usual permissions of the umask.
            tmp = Files.createFile(dir.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + System.nanoTime() + ".tmp"));
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new InputException("cannot write " + target + ": " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }
}
