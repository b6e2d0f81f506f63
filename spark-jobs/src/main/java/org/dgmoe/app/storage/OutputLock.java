package org.dgmoe.app.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
 * A lock whose holder is gone stays behind (a killed run cannot release it). A run that may take it over
 * ({@link Takeover}) does so only when the holder is provably gone: it ran on this host and its process is
 * no longer alive, or its pid now belongs to a process younger than the lock ({@link #isStale}); a lock of
 * another host or of a live process is taken over only with {@code --break-lock} ({@link Takeover#ANY}).
 * The takeover is atomic among runs that judged the same lock stale: each first creates, with the same
 * create-if-absent, a claim named after the stale lock's content ({@code .lock.takeover-HASH}); only the
 * one whose claim was created may replace {@code .lock}, and it does so only if {@code .lock} still holds
 * that content, then deletes {@code .lock} and takes it with the ordinary create-if-absent (so a new run
 * starting at that moment and the claimant cannot both win) and finally removes its claim. A late
 * claimant of the same stale content finds {@code .lock} changed and is refused.
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file's name inside DIR. */
    public static final String NAME = ".lock";

    /** The prefix of a takeover's claim ({@code .lock.takeover-HASH}, HASH of the stale lock's content). */
    static final String CLAIM = NAME + ".takeover-";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which lock a run may take over when it finds one. */
    public enum Takeover {
        /** None: a plain run is refused by any lock. */
        NEVER,
        /** A lock whose holder is provably gone ({@link #isStale}): {@code --resume} and {@code --overwrite}. */
        STALE,
        /** Any lock: {@code --break-lock}, for an operator who knows its holder no longer writes into DIR. */
        ANY
    }

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
    private final Optional<Holder> tookOverFrom;
    private boolean held = true;

    private OutputLock(FileSystem fs, Path dir, Path lock, String content, boolean createdDir,
            Optional<Holder> tookOverFrom) {
        this.fs = fs;
        this.dir = dir;
        this.lock = lock;
        this.content = content;
        this.createdDir = createdDir;
        this.tookOverFrom = tookOverFrom;
    }

    /**
     * Takes the lock of {@code dir} (creating the folder if it does not exist), never taking over another
     * run's lock.
     *
     * @throws InputException when another run holds it: the message names DIR and the holder, and says
     *                        whether the lock is stale
     */
    public static OutputLock acquire(FileSystem fs, Path dir, Holder me) throws IOException {
        return acquire(fs, dir, me, Takeover.NEVER);
    }

    /**
     * Takes the lock of {@code dir} (creating the folder if it does not exist); a lock found there is taken
     * over when {@code takeover} allows it for its holder ({@link #tookOverFrom()} then names that holder).
     *
     * @throws InputException when another run holds it and may not be taken over, or another run took it
     *                        over first: the message names DIR and the holder, and says whether the lock is
     *                        stale
     */
    public static OutputLock acquire(FileSystem fs, Path dir, Holder me, Takeover takeover) throws IOException {
        boolean existed = fs.exists(dir);
        if (!existed) {
            fs.mkdirs(dir);
        }
        Path lock = new Path(dir, NAME);
        String content = me.toJson();
        if (create(fs, lock, content)) {
            return new OutputLock(fs, dir, lock, content, !existed, Optional.empty());
        }
        String found = readText(fs, lock);
        Optional<Holder> holder = found == null ? Optional.empty() : Holder.parse(found);
        boolean allowed = takeover == Takeover.ANY && found != null
                || takeover == Takeover.STALE && holder.isPresent() && isStale(holder.get());
        if (!allowed) {
            throw new InputException(refusal(dir, holder));
        }
        if (takeOver(fs, dir, lock, found, content, takeover == Takeover.ANY)) {
            return new OutputLock(fs, dir, lock, content, false, holder);
        }
        // another run took it over first (or is doing so): refused as by any holder
        Optional<Holder> now = readHolder(fs, lock);
        throw new InputException(now.isEmpty() || now.equals(holder) ? refusalDuringTakeover(dir, holder)
                : refusal(dir, now));
    }

    /**
     * Replaces the lock holding {@code found} by {@code content}, if this run is the one that claims it
     * (the class comment): true when this run now holds the lock.
     *
     * @param leftoverClaim delete a claim of the same lock found in the way first (a claimant that died
     *                      between its claim and its takeover; only {@code --break-lock} does this)
     */
    private static boolean takeOver(FileSystem fs, Path dir, Path lock, String found, String content,
            boolean leftoverClaim) throws IOException {
        Path claim = new Path(dir, CLAIM + digest(found));
        if (!create(fs, claim, content)) {
            if (!leftoverClaim) {
                return false;
            }
            fs.delete(claim, false);
            if (!create(fs, claim, content)) {
                return false;
            }
        }
        try {
            // Only the claimant of this content replaces a lock holding it, so once it is seen here it stays
            // until the delete below; a late claimant (after an earlier one removed its claim) sees a new lock.
            if (!found.equals(readText(fs, lock))) {
                return false;
            }
            fs.delete(lock, false);
            // a run starting right now may create .lock first: then it, not this run, holds the lock
            return create(fs, lock, content);
        } finally {
            fs.delete(claim, false);
        }
    }

    /** A short hex digest of a lock's content: the name of its takeover claim. */
    private static String digest(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Atomic create-if-absent of {@code path} with {@code content} complete: false when it exists. */
    private static boolean create(FileSystem fs, Path path, String content) throws IOException {
        return "file".equals(fs.getUri().getScheme()) ? createLocal(path, content) : createOther(fs, path, content);
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
                    + "another --out; if no run uses " + folder + ", rerun with --break-lock (or delete " + lock + ")";
        }
        Holder h = holder.get();
        if (isStale(h)) {
            return folder + ": locked by a dgmoe run that no longer runs (" + h + "): a run that was killed leaves its "
                    + "lock behind; rerun with --resume to take the lock over and keep its finished tasks (or with "
                    + "--overwrite to start afresh)";
        }
        return where + " (" + h + "); wait for it to finish or choose another --out"
                + (h.host().equals(Host.name()) ? "" : " (if that run on " + h.host() + " was killed, rerun with "
                        + "--break-lock)");
    }

    /** The message of a run that found the lock being taken over by another run. */
    private static String refusalDuringTakeover(Path dir, Optional<Holder> stale) {
        return OutputDir.display(dir) + ": in use by another dgmoe run, which is taking over the lock"
                + stale.map(h -> " of " + h).orElse("") + " right now; wait for it to finish or choose another --out";
    }

    /**
     * Whether the holder certainly no longer runs: it ran on this host and its pid is not alive, or the
     * pid now belongs to a process that started after the lock was taken. Holders on other hosts cannot
     * be checked.
     */
    public static boolean isStale(Holder h) {
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

    /** The holder of the lock this run took over, if it took one over. */
    public Optional<Holder> tookOverFrom() {
        return tookOverFrom;
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
