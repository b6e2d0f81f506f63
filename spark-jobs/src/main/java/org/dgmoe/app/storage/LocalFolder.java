package org.dgmoe.app.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.Version;
import org.dgmoe.app.files.OutputFiles;

/**
 * A local output folder written whole or not at all (the report's, the test page's and the export's),
 * and never one dgmoe did not write. Everything is written into a hidden staging folder beside the
 * target ({@link #stage}); {@link #replace} then writes the marker {@value #MARKER} (which command
 * wrote the folder, and every file and folder it wrote) and moves the staging folder into place by
 * renames on the same file system.
 *
 * <p>An existing target is replaced only when it is provably dgmoe's own ({@link #checkReplaceable}):
 * its marker names the same command and lists everything it holds, or (a folder written before the
 * marker existed) it holds exactly what the {@link Kind}'s earlier version wrote. Anything else, a
 * user's file added to a report for instance, is refused with what the folder holds.
 *
 * <p>The swap renames the old target aside ({@code .NAME.old-PID-NANOS}) and moves the new one in; a
 * kill between the two renames leaves no folder under the user's name for an instant, so the next run
 * on the same target first puts the old folder back (and deletes aside folders and staging folders of
 * dead runs that are dgmoe's own): the user's name always ends up holding a complete folder.
 */
public final class LocalFolder {
    /** The file every folder written here holds: its first line names the command, the others list its entries. */
    public static final String MARKER = ".dgmoe-folder";
    private static final String HEADER = "dgmoe ";
    /** At most this many of a refused folder's entries are named in the message. */
    private static final int NAMED = 8;

    /**
     * What a kind of folder is: the command that writes it, the noun messages use, and what the same
     * folder held when written by a dgmoe without the marker (glob patterns of the paths relative to
     * the folder, {@code /}-separated; {@code required} must be among them).
     */
    public record Kind(String command, String noun, List<String> earlierEntries, String required) {
        public Kind {
            if (command == null || command.isBlank() || command.contains(" ")) {
                throw new IllegalArgumentException("command: a command name without spaces, got '" + command + "'");
            }
            if (noun == null || noun.isBlank()) {
                throw new IllegalArgumentException("noun: must not be blank");
            }
            earlierEntries = List.copyOf(earlierEntries);
            if (!earlierEntries.contains(required)) {
                throw new IllegalArgumentException("required: '" + required + "' is not among " + earlierEntries);
            }
        }

        /** Whether {@code entry} (relative, {@code /}-separated) is one a marker-less earlier version wrote. */
        boolean earlier(String entry) {
            for (String glob : earlierEntries) {
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                if (m.matches(Path.of(entry))) {
                    return true;
                }
            }
            return false;
        }
    }

    private LocalFolder() {
    }

    /**
     * Checks, before any work, that {@code target} may become {@code kind}'s folder: new (its nearest
     * existing ancestor a writable directory), empty, or provably an earlier folder of the same kind.
     * First recovers what a killed run left beside it (see the class comment).
     *
     * @throws InputException naming {@code option}, the folder and what it holds
     */
    public static void checkReplaceable(Path target, String option, Kind kind) {
        Path absolute = target.toAbsolutePath().normalize();
        OutputFiles.checkWritable(absolute, option);
        recover(absolute, kind);
        if (!Files.exists(absolute)) {
            return;
        }
        String refused = option + " " + target + ": exists and is not a dgmoe " + kind.noun();
        String remedy = "; give a new or empty folder, or an earlier " + kind.noun();
        if (!Files.isDirectory(absolute)) {
            throw new InputException(option + " " + target + ": exists and is not a directory" + remedy);
        }
        Optional<String> why;
        try {
            why = foreign(absolute, kind);
        } catch (IOException e) {
            throw new InputException(option + " " + target + ": cannot read: " + e.getMessage());
        }
        if (why.isPresent()) {
            throw new InputException(refused + " (" + why.get() + ")" + remedy);
        }
        if (!Files.isWritable(absolute)) {
            throw new InputException(option + " " + target + ": cannot replace a folder that is not writable");
        }
    }

    /**
     * A new hidden staging folder beside {@code target}, created now with {@code kind}'s marker (so a
     * killed run's leftover is recognisable), unique to this process and moment.
     */
    public static Path stage(Path target, Kind kind) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        Path staging = Files.createDirectory(absolute.resolveSibling("." + absolute.getFileName() + ".staging-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime()));
        Files.writeString(staging.resolve(MARKER), header(kind), StandardCharsets.UTF_8);
        return staging;
    }

    /**
     * Replaces {@code target} by {@code staging} (from {@link #stage}): writes the marker listing what
     * {@code staging} holds, renames an old target aside, moves the new one in and only then deletes
     * the old one. If the new one cannot be moved in, the old one is put back.
     */
    public static void replace(Path staging, Path target, Kind kind) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        StringBuilder marker = new StringBuilder(header(kind));
        for (String entry : entries(staging)) {
            marker.append(entry).append('\n');
        }
        Files.writeString(staging.resolve(MARKER), marker, StandardCharsets.UTF_8);
        Path old = null;
        if (Files.exists(absolute)) {
            old = absolute.resolveSibling("." + absolute.getFileName() + ".old-" + ProcessHandle.current().pid() + "-"
                    + System.nanoTime());
            Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, absolute, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
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

    private static String header(Kind kind) {
        return HEADER + kind.command() + " " + Version.dgmoe() + "\n";
    }

    /**
     * Why {@code folder} is not provably {@code kind}'s, or empty when it is (or is empty): the entries
     * its marker does not list, a marker of another command, or (no marker) the entries an earlier
     * version did not write.
     */
    static Optional<String> foreign(Path folder, Kind kind) throws IOException {
        List<String> entries = entries(folder);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Path marker = folder.resolve(MARKER);
        List<String> others = new ArrayList<>();
        if (Files.isRegularFile(marker)) {
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            String first = lines.isEmpty() ? "" : lines.get(0);
            if (!first.startsWith(HEADER + kind.command() + " ")) {
                return Optional.of("its " + MARKER + " says '" + first + "'");
            }
            Set<String> listed = new HashSet<>(lines.subList(1, lines.size()));
            entries.stream().filter(e -> !listed.contains(e)).forEach(others::add);
        } else {
            entries.stream().filter(e -> !kind.earlier(e.endsWith("/") ? e.substring(0, e.length() - 1) : e))
                    .forEach(others::add);
            if (others.isEmpty() && !entries.contains(kind.required())) {
                return Optional.of("it holds no " + kind.required());
            }
        }
        if (others.isEmpty()) {
            return Optional.empty();
        }
        // a foreign folder is named alone, not file by file
        others.removeIf(e -> others.stream().anyMatch(f -> f.endsWith("/") && !f.equals(e) && e.startsWith(f)));
        String named = String.join(", ", others.subList(0, Math.min(NAMED, others.size())));
        return Optional.of("it holds " + named + (others.size() > NAMED ? " and " + (others.size() - NAMED) + " more"
                : ""));
    }

    /**
     * Everything below {@code folder} but its marker, relative and {@code /}-separated, folders with a
     * trailing {@code /}, sorted.
     */
    private static List<String> entries(Path folder) throws IOException {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted().toList()) {
                if (p.equals(folder) || p.equals(folder.resolve(MARKER))) {
                    continue;
                }
                String relative = folder.relativize(p).toString().replace('\\', '/');
                entries.add(Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? relative + "/" : relative);
            }
        }
        return entries;
    }

    /**
     * Puts back what a killed run left beside {@code target}: an old folder renamed aside while the
     * name was empty is moved back; aside folders that are {@code kind}'s own and staging folders with
     * {@code kind}'s marker, both of runs no longer alive, are deleted. Anything else is left alone.
     */
    static void recover(Path target, Kind kind) {
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String name = Pattern.quote("." + target.getFileName());
        Pattern aside = Pattern.compile(name + "\\.old-(?:(\\d+)-)?\\d+");
        Pattern staging = Pattern.compile(name + "\\.staging-(\\d+)-\\d+");
        List<Path> olds = new ArrayList<>();
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.sorted().toList()) {
                String file = p.getFileName().toString();
                Matcher m = aside.matcher(file);
                if (m.matches() && !alive(m.group(1)) && Files.isDirectory(p)) {
                    olds.add(p);
                }
                Matcher st = staging.matcher(file);
                if (st.matches() && !alive(st.group(1)) && markedBy(p, kind)) {
                    deleteTree(p);
                }
            }
            if (!Files.exists(target) && !olds.isEmpty()) {
                Path newest = olds.get(0);
                for (Path p : olds) {
                    if (Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(newest)) > 0) {
                        newest = p;
                    }
                }
                Files.move(newest, target, StandardCopyOption.ATOMIC_MOVE);
                olds.remove(newest);
            }
            for (Path p : olds) {
                if (foreign(p, kind).isEmpty()) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            // best effort: what cannot be recovered stays as it is, and the check that follows sees the target as it is
        }
    }

    /** Whether the process of a pid in a leftover's name still runs (no pid: an earlier dgmoe's leftover, not alive). */
    private static boolean alive(String pid) {
        if (pid == null) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not a pid dgmoe wrote: leave the folder alone
        }
    }

    private static boolean markedBy(Path folder, Kind kind) {
        Path marker = folder.resolve(MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8)
                    .startsWith(HEADER + kind.command() + " ");
        } catch (IOException e) {
            return false;
        }
    }
}
