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

/** The output folder's lock: exclusive, released on close, a refusal names the holder, stale locks explained. */
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
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        List<Future<OutputLock>> attempts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String command = "attempt " + i;
            attempts.add(pool.submit(() -> {
                go.await();
                try {
                    return d.lock(holder(command));
                } catch (InputException e) {
                    return null;
                } finally {
                    done.countDown();
                }
            }));
        }
        go.countDown();
        done.await();
        List<OutputLock> won = new ArrayList<>();
        for (Future<OutputLock> f : attempts) {
            if (f.get() != null) {
                won.add(f.get());
            }
        }
        pool.shutdown();
        assertEquals(1, won.size());
        won.get(0).close();
    }

    @Test
    void aLockOfAProcessThatIsGoneIsExplainedAsStale() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        OutputDir d = dir("stale");
        Files.createDirectories(tmp.resolve("stale"));
        OutputLock.Holder dead = new OutputLock.Holder(Host.name(), gone.pid(), Instant.now().minusSeconds(60),
                "dgmoe sweep killed.conf");
        Files.writeString(tmp.resolve("stale/.lock"), dead.toJson());
        assertTrue(OutputLock.isStale(dead));
        InputException e = assertThrows(InputException.class, () -> d.lock(holder("y")));
        String m = e.getMessage();
        assertTrue(m.contains("no longer runs"), m);
        assertTrue(m.contains("pid " + gone.pid()), m);
        assertTrue(m.contains("delete " + tmp.resolve("stale/.lock") + " and rerun"), m);
        assertTrue(m.contains("--resume"), m);
        assertTrue(Files.exists(tmp.resolve("stale/.lock")), "a stale lock is never broken automatically");
    }

    @Test
    void aHolderOnAnotherHostIsNotJudgedAndAYoungerProcessOnItsPidIsStale() {
        OutputLock.Holder elsewhere = new OutputLock.Holder("some-other-host", ProcessHandle.current().pid(),
                Instant.now(), "dgmoe sweep");
        assertFalse(OutputLock.isStale(elsewhere));
        assertTrue(OutputLock.refusal(new org.apache.hadoop.fs.Path("/o"), java.util.Optional.of(elsewhere))
                .contains("if that run on some-other-host was killed"));
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
