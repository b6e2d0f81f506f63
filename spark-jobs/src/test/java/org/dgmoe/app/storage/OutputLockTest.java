package org.dgmoe.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.dgmoe.app.base.Host;
import org.dgmoe.app.base.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder's lock: exclusive, released on close, a refusal names the holder, a stale lock is taken over
 * by --resume (exactly one of many racing runs) and any lock by --break-lock only.
 */
class OutputLockTest {
    @TempDir
    Path tmp;

    private OutputDir dir(String name) {
        return new OutputDir(tmp.resolve(name).toString(), new Configuration());
    }

    private static OutputLock.Holder holder(String command) {
        return OutputLock.Holder.current(command);
    }

    @Test
    void aSecondLockIsRefusedNamingTheFolderAndTheHolder() throws Exception {
        OutputDir d = dir("out");
        try (OutputLock first = d.lock(holder("dgmoe sweep first.conf"))) {
            assertTrue(Files.exists(tmp.resolve("out/.lock")));
            InputException e = assertThrows(InputException.class, () -> d.lock(holder("dgmoe sweep second.conf")));
            String m = e.getMessage();
            assertTrue(m.startsWith(tmp.resolve("out") + ": in use by another dgmoe run"), m);
            assertTrue(m.contains("in use by another dgmoe run"), m);
            assertTrue(m.contains("host " + Host.name()), m);
            assertTrue(m.contains("pid " + ProcessHandle.current().pid()), m);
            assertTrue(m.contains("started "), m);
            assertTrue(m.contains("first.conf"), m);
        }
        assertFalse(Files.exists(tmp.resolve("out/.lock")), "released on close");
        // the folder did not exist before the first lock and nothing was written: it is gone again
        assertFalse(Files.exists(tmp.resolve("out")));
        try (OutputLock again = d.lock(holder("dgmoe sweep third.conf"))) {
            assertTrue(Files.exists(tmp.resolve("out/.lock")), "free again once released");
        }
    }

    @Test
    void anExistingFolderKeepsItsContentAndAnEmptyInspectionIgnoresTheLock() throws Exception {
        Files.createDirectories(tmp.resolve("kept"));
        Files.writeString(tmp.resolve("kept/notes.txt"), "mine");
        OutputDir d = dir("kept");
        try (OutputLock lock = d.lock(holder("x"))) {
            assertTrue(d.inspect().foreign(), "the user's file is still foreign content");
        }
        assertEquals(List.of("notes.txt"), list(tmp.resolve("kept")));
        OutputDir empty = dir("empty");
        try (OutputLock lock = empty.lock(holder("x"))) {
            assertTrue(empty.inspect().empty(), "the lock alone is no content");
        }
    }

    @Test
    void ofManyConcurrentAttemptsExactlyOneWins() throws Exception {
        OutputDir d = dir("race");
        List<OutputLock> won = race(8, i -> d.lock(holder("attempt " + i)));
        assertEquals(1, won.size());
        won.get(0).close();
    }

    /** One attempt to take a lock: the lock, or an InputException when refused. */
    private interface Attempt {
        OutputLock take(int i) throws Exception;
    }

    /** {@code threads} attempts released at once; the locks taken (the refused are null and left out). */
    private static List<OutputLock> race(int threads, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<OutputLock>> attempts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            attempts.add(pool.submit(() -> {
                go.await();
                try {
                    return attempt.take(index);
                } catch (InputException e) {
                    return null;
                }
            }));
        }
        go.countDown();
        List<OutputLock> won = new ArrayList<>();
        for (Future<OutputLock> f : attempts) {
            if (f.get() != null) {
                won.add(f.get());
            }
        }
        pool.shutdown();
        return won;
    }

    /** A lock left by a process that has exited, in {@code tmp/name} (the folder exists, as after a kill -9). */
    private OutputLock.Holder staleLock(String name) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(tmp.resolve(name));
        OutputLock.Holder dead = new OutputLock.Holder(Host.name(), gone.pid(), Instant.now().minusSeconds(60),
                "dgmoe sweep killed.conf");
        Files.writeString(tmp.resolve(name + "/.lock"), dead.toJson());
        return dead;
    }

    @Test
    void aLockOfAProcessThatIsGoneIsExplainedAsStaleAndAPlainRunLeavesIt() throws Exception {
        OutputLock.Holder dead = staleLock("stale");
        OutputDir d = dir("stale");
        assertTrue(OutputLock.isStale(dead));
        InputException e = assertThrows(InputException.class, () -> d.lock(holder("y")));
        String m = e.getMessage();
        assertTrue(m.contains("no longer runs"), m);
        assertTrue(m.contains("pid " + dead.pid()), m);
        assertTrue(m.contains("rerun with --resume to take the lock over"), m);
        assertEquals(dead.toJson(), Files.readString(tmp.resolve("stale/.lock")), "a plain run never takes over");
    }

    @Test
    void resumeTakesOverAStaleLockAndSaysFromWhom() throws Exception {
        OutputLock.Holder dead = staleLock("stale");
        OutputDir d = dir("stale");
        OutputLock.Holder me = holder("dgmoe sweep --resume");
        try (OutputLock lock = d.lock(me, OutputLock.Takeover.STALE)) {
            assertEquals(java.util.Optional.of(dead), lock.tookOverFrom());
            assertEquals(me.toJson(), Files.readString(tmp.resolve("stale/.lock")));
            assertEquals(List.of(".lock"), list(tmp.resolve("stale")), "no claim or temporary file is left");
        }
        assertEquals(List.of(), list(tmp.resolve("stale")), "released on close; the folder existed and stays");
    }

    /** Two runs (here eight) judging the same stale lock at once: exactly one takes it over. */
    @Test
    void ofManyRunsTakingOverOneStaleLockExactlyOneWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            String name = "stale" + round;
            staleLock(name);
            OutputDir d = dir(name);
            List<OutputLock> won = race(8, i -> d.lock(holder("resume " + i), OutputLock.Takeover.STALE));
            assertEquals(1, won.size(), "round " + round);
            OutputLock winner = won.get(0);
            // the winner may also have found .lock absent for an instant (deleted by a claimant about to
            // create it) and taken it plainly: either way the lock is the winner's alone
            assertTrue(Files.readString(tmp.resolve(name + "/.lock")).contains("\"resume "), "round " + round);
            assertEquals(List.of(".lock"), list(tmp.resolve(name)), "round " + round);
            winner.close();
            // close deletes .lock only if it still holds the winner's own content
            assertEquals(List.of(), list(tmp.resolve(name)), "round " + round);
        }
    }

    @Test
    void aLiveHolderOrAnotherHostsLockIsTakenOverOnlyWithBreakLock() throws Exception {
        OutputDir live = dir("live");
        try (OutputLock holding = live.lock(holder("running"))) {
            String before = Files.readString(tmp.resolve("live/.lock"));
            InputException e = assertThrows(InputException.class,
                    () -> live.lock(holder("resume"), OutputLock.Takeover.STALE));
            assertTrue(e.getMessage().contains("in use by another dgmoe run"), e.getMessage());
            assertFalse(e.getMessage().contains("--break-lock"), "a live holder on this host: " + e.getMessage());
            assertEquals(before, Files.readString(tmp.resolve("live/.lock")));
        }
        Files.createDirectories(tmp.resolve("other"));
        OutputLock.Holder elsewhere = new OutputLock.Holder("some-other-host", 1, Instant.now().minusSeconds(3600),
                "dgmoe sweep");
        Files.writeString(tmp.resolve("other/.lock"), elsewhere.toJson());
        OutputDir other = dir("other");
        InputException e = assertThrows(InputException.class,
                () -> other.lock(holder("resume"), OutputLock.Takeover.STALE));
        assertTrue(e.getMessage().contains("if that run on some-other-host was killed, rerun with --break-lock"),
                e.getMessage());
        assertEquals(elsewhere.toJson(), Files.readString(tmp.resolve("other/.lock")));
        try (OutputLock broken = other.lock(holder("break"), OutputLock.Takeover.ANY)) {
            assertEquals(java.util.Optional.of(elsewhere), broken.tookOverFrom());
            assertTrue(Files.readString(tmp.resolve("other/.lock")).contains("break"));
        }
    }

    /** A claimant that died between its claim and its takeover: --resume is refused, --break-lock clears it. */
    @Test
    void aLeftoverClaimBlocksResumeButNotBreakLock() throws Exception {
        OutputLock.Holder dead = staleLock("claimed");
        OutputDir d = dir("claimed");
        // the claim a first --resume made before it was killed: named after the stale lock's content
        String claimName = OutputLock.CLAIM + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(dead.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 8);
        Files.writeString(tmp.resolve("claimed").resolve(claimName), holder("died while claiming").toJson());
        InputException e = assertThrows(InputException.class, () -> d.lock(holder("second"), OutputLock.Takeover.STALE));
        assertTrue(e.getMessage().contains("taking over the lock"), e.getMessage());
        try (OutputLock broken = d.lock(holder("operator"), OutputLock.Takeover.ANY)) {
            assertEquals(java.util.Optional.of(dead), broken.tookOverFrom());
            assertEquals(List.of(".lock"), list(tmp.resolve("claimed")));
        }
    }

    @Test
    void aHolderOnAnotherHostIsNotJudgedAndAYoungerProcessOnItsPidIsStale() {
        OutputLock.Holder elsewhere = new OutputLock.Holder("some-other-host", ProcessHandle.current().pid(),
                Instant.now(), "dgmoe sweep");
        assertFalse(OutputLock.isStale(elsewhere));
        assertTrue(OutputLock.refusal(new org.apache.hadoop.fs.Path("/o"), java.util.Optional.of(elsewhere))
                .contains("if that run on some-other-host was killed, rerun with --break-lock"));
        OutputLock.Holder alive = OutputLock.Holder.current("dgmoe sweep");
        assertFalse(OutputLock.isStale(alive));
        // this JVM's pid, recorded as taken long before this JVM started: the pid was reused
        OutputLock.Holder reused = new OutputLock.Holder(Host.name(), ProcessHandle.current().pid(),
                Instant.parse("2000-01-01T00:00:00Z"), "dgmoe sweep");
        assertTrue(OutputLock.isStale(reused));
    }

    @Test
    void closeLeavesALockThatIsNoLongerThisRunsAlone() throws Exception {
        OutputDir d = dir("replaced");
        OutputLock lock = d.lock(holder("mine"));
        String other = new OutputLock.Holder("h", 1, Instant.now(), "theirs").toJson();
        Files.writeString(tmp.resolve("replaced/.lock"), other);
        lock.close();
        assertEquals(other, Files.readString(tmp.resolve("replaced/.lock")));
    }

    private static List<String> list(Path p) throws Exception {
        try (var s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }
}
