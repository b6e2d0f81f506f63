package org.dgmoe.app.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.dgmoe.app.base.Host;
import org.dgmoe.app.base.InputException;

/**
 * The exclusive lock of a sweep's output folder, {@code DIR/.lock}, held for the whole run: from
 * before the run decides what DIR allows until after the commit (or the failure). A second run into
 * a folder in use is refused (exit 2) with the holder's host, pid and start time, and writes nothing.
 *
 * <p>Taking the lock is one atomic create-if-absent of the lock file with its content complete:
 * <ul>
 *   <li>local folders: the holder is written to a temporary file that is then hard-linked to
 *       {@code .lock} ({@code link(2)} fails atomically when the name exists), so a reader never sees
 *       a half-written lock;
 *   <li>other Hadoop file systems: {@code FileSystem.create(.lock, overwrite = false)}, atomic on HDFS
 *       (the NameNode refuses an existing name); on object stores (S3A) create-if-absent is atomic
 *       only where the store supports conditional writes, see docs/architecture.md.
 * </ul>
 * A lock whose holder is gone stays behind (a killed run cannot release it). When the holder ran on
 * this host and its process is no longer alive (or its pid now belongs to a younger process), the
 * refusal says that the lock is stale and how to remove it; a lock is never broken automatically,
 * because two runs that both judged it stale could then both take it.
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file's name inside DIR. */
    public static final String NAME = ".lock";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Who holds a lock.
     *
     * @param host    host name ({@link Host#name()})
     * @param pid     process id on that host
     * @param started when the lock was taken
     * @param command what runs, e.g. {@code dgmoe sweep conf/quickstart.conf}
     */
    public record Holder(String host, long pid, Instant started, String command) {
        public Holder {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(command, "command");
        }

        /** This process, now. */
        public static Holder current(String command) {
            return new Holder(Host.name(), ProcessHandle.current().pid(), Instant.now(), command);
        }

        public String toJson() {
            ObjectNode n = JSON.createObjectNode();
            n.put("host", host);
            n.put("pid", pid);
            n.put("started", started.toString());
            n.put("command", command);
            return n.toString() + "\n";
        }

        static Optional<Holder> parse(String json) {
            try {
                JsonNode n = JSON.readTree(json);
                return Optional.of(new Holder(n.get("host").asText(), n.get("pid").asLong(),
                        Instant.parse(n.get("started").asText()), n.path("command").asText("")));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "host " + host + ", pid " + pid + ", started " + started + (command.isEmpty() ? "" : ", " + command);
        }
    }

    private final FileSystem fs;
    private final Path dir;
    private final Path lock;
    private final String content;
    private final boolean createdDir;
    private boolean held = true;

    private OutputLock(FileSystem fs, Path dir, Path lock, String content, boolean createdDir) {
        this.fs = fs;
        this.dir = dir;
        this.lock = lock;
        this.content = content;
        this.createdDir = createdDir;
    }

    /**
     * Takes the lock of {@code dir} (creating the folder if it does not exist).
     *
     * @throws InputException when another run holds it: the message names DIR and the holder, and says
     *                        whether the lock is stale
     */
    public static OutputLock acquire(FileSystem fs, Path dir, Holder me) throws IOException {
        boolean existed = fs.exists(dir);
        if (!existed) {
            fs.mkdirs(dir);
        }
        Path lock = new Path(dir, NAME);
        String content = me.toJson();
        boolean taken = "file".equals(fs.getUri().getScheme()) ? createLocal(lock, content) : createOther(fs, lock, content);
        if (!taken) {
            throw new InputException(refusal(dir, readHolder(fs, lock)));
        }
        return new OutputLock(fs, dir, lock, content, !existed);
    }

    private static boolean createLocal(Path lock, String content) throws IOException {
        java.nio.file.Path target = java.nio.file.Path.of(lock.toUri());
        java.nio.file.Path tmp = Files.createTempFile(target.getParent(), ".lock-", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean createOther(FileSystem fs, Path lock, String content) throws IOException {
        try (OutputStream out = fs.create(lock, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // HDFS wraps the refusal (AlreadyBeingCreatedException, RemoteException) in other types
            if (fs.exists(lock)) {
                return false;
            }
            throw e;
        }
    }

    private static Optional<Holder> readHolder(FileSystem fs, Path lock) {
        String text = readText(fs, lock);
        return text == null ? Optional.empty() : Holder.parse(text);
    }

    /** The lock file's text, or null when it cannot be read (gone, or being written). */
    private static String readText(FileSystem fs, Path lock) {
        try (var in = fs.open(lock)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The message of a refused run; local folders are named by their path, others by their URI. */
    static String refusal(Path dir, Optional<Holder> holder) {
        String folder = OutputDir.display(dir);
        String lock = OutputDir.display(new Path(dir, NAME));
        String where = folder + ": in use by another dgmoe run";
        if (holder.isEmpty()) {
            return where + " (its lock " + NAME + " is being written or unreadable); wait for it to finish or choose "
                    + "another --out; if no run uses " + folder + ", delete " + lock + " and rerun";
        }
        Holder h = holder.get();
        if (isStale(h)) {
            return folder + ": locked by a dgmoe run that no longer runs (" + h + "): a run that was killed leaves its "
                    + "lock behind; no other run uses " + folder + ", so delete " + lock
                    + " and rerun (with --resume to keep its finished tasks)";
        }
        return where + " (" + h + "); wait for it to finish or choose another --out"
                + (h.host().equals(Host.name()) ? "" : " (if that run on " + h.host() + " was killed, delete "
                        + lock + " and rerun)");
    }

    /**
     * Whether the holder certainly no longer runs: it ran on this host and its pid is not alive, or the
     * pid now belongs to a process that started after the lock was taken. Holders on other hosts cannot
     * be checked.
     */
    static boolean isStale(Holder h) {
        if (!h.host().equals(Host.name())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(h.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> processStart = process.get().info().startInstant();
        // a pid reused by a younger process; the clock of /proc start times is coarse, hence the second
        return processStart.isPresent() && processStart.get().isAfter(h.started().plusSeconds(1));
    }

    /** Where the lock is. */
    public Path path() {
        return lock;
    }

    /**
     * Releases the lock: deletes the lock file if it is still this run's, and the folder if this
     * lock created it and nothing else was written into it (a refused run leaves no trace).
     */
    @Override
    public void close() throws IOException {
        if (!held) {
            return;
        }
        held = false;
        if (content.equals(readText(fs, lock))) {
            fs.delete(lock, false);
        }
        if (createdDir && fs.exists(dir) && fs.listStatus(dir).length == 0) {
            fs.delete(dir, false);
        }
    }
}
