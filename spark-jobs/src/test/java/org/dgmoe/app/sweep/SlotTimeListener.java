package org.dgmoe.app.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Where the task slots' time goes during a sweep (for {@link SweepBench}): per stage call site
 * (the chunk jobs' {@code collect}, the writes, the reads), the number of tasks, the sum of their
 * durations (launch to finish, as the scheduler sees them), of the executor's run time, of the
 * deserialisation and result serialisation times; and the jobs' count. The slots' idle time is
 * slots × wall − Σ duration.
 */
final class SlotTimeListener extends SparkListener {
    /** Sums for one stage call site. */
    static final class Sums {
        int tasks;
        long durationMillis;
        long runMillis;
        long deserializeMillis;
        long resultSerializeMillis;
        long gettingResultMillis;
        long gcMillis;
    }

    private final Map<String, Sums> bySite = new TreeMap<>();
    private final Map<Integer, String> stageSite = new java.util.HashMap<>();
    private final List<long[]> jobs = new ArrayList<>();
    private long firstLaunch = Long.MAX_VALUE;
    private long lastFinish = Long.MIN_VALUE;

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        scala.jdk.javaapi.CollectionConverters.asJava(start.stageInfos())
                .forEach(s -> stageSite.put(s.stageId(), s.name().replaceAll(" at .*:", ":")));
        jobs.add(new long[] {start.jobId(), start.time(), 0});
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        for (long[] j : jobs) {
            if (j[0] == end.jobId()) {
                j[2] = end.time();
            }
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        TaskInfo info = end.taskInfo();
        TaskMetrics m = end.taskMetrics();
        Sums s = bySite.computeIfAbsent(stageSite.getOrDefault(end.stageId(), "?"), k -> new Sums());
        s.tasks++;
        s.durationMillis += info.duration();
        if (m != null) {
            s.runMillis += m.executorRunTime();
            s.deserializeMillis += m.executorDeserializeTime();
            s.resultSerializeMillis += m.resultSerializationTime();
            s.gcMillis += m.jvmGCTime();
        }
        s.gettingResultMillis += info.gettingResult() ? info.finishTime() - info.gettingResultTime() : 0;
        firstLaunch = Math.min(firstLaunch, info.launchTime());
        lastFinish = Math.max(lastFinish, info.finishTime());
    }

    /** One line per stage call site and a summary line, as {@code key=value} text. */
    synchronized String report(int slots) {
        StringBuilder b = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Sums> e : bySite.entrySet()) {
            Sums s = e.getValue();
            total += s.durationMillis;
            b.append(String.format("stage[%s] tasks=%d duration_s=%.2f run_s=%.2f deserialize_s=%.2f "
                    + "result_serialize_s=%.2f getting_result_s=%.2f gc_s=%.2f%n", e.getKey(), s.tasks,
                    s.durationMillis / 1e3, s.runMillis / 1e3, s.deserializeMillis / 1e3,
                    s.resultSerializeMillis / 1e3, s.gettingResultMillis / 1e3, s.gcMillis / 1e3));
        }
        long t0 = jobs.isEmpty() ? 0 : jobs.get(0)[1];
        StringBuilder timeline = new StringBuilder();
        for (long[] j : jobs) {
            timeline.append(String.format(" %d:%.2f+%.2f", j[0], (j[1] - t0) / 1e3, (j[2] - j[1]) / 1e3));
        }
        b.append("jobs_start+duration_s=").append(timeline).append(System.lineSeparator());
        double span = (lastFinish - firstLaunch) / 1e3;
        b.append(String.format("spark_jobs=%d first_launch_to_last_finish_s=%.2f slot_idle_s=%.2f%n", jobs.size(),
                span, slots * span - total / 1e3));
        return b.toString();
    }
}
