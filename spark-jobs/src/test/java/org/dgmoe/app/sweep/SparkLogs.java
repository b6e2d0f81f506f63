package org.dgmoe.app.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * What Spark logs while a command runs, at the levels a user sees: the test configuration quiets
 * the task-failure loggers (the retry tests fail tasks on purpose), so they are set to WARN, as
 * under the application's log4j2.properties (root WARN), for the run and restored after it.
 */
public final class SparkLogs {
    /** Loggers at their production level during {@link #during}. */
    static final List<String> AT_PRODUCTION_LEVEL = List.of("org.apache.spark.executor.Executor",
            "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.sql.execution.streaming.sinks.FileStreamSink");

    private SparkLogs() {
    }

    /** One logged event: its logger, level, message and whether it carries a stack trace. */
    public record Event(String logger, Level level, String message, boolean stackTrace) {
        @Override
        public String toString() {
            return level + " " + logger + ": " + message + (stackTrace ? " [stack trace]" : "");
        }
    }

    /** The events at WARN or above logged while {@code action} ran. */
    public static List<Event> during(Runnable action) {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        AbstractAppender appender = new AbstractAppender("dgmoe-test-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent e) {
                events.add(new Event(e.getLoggerName(), e.getLevel(), e.getMessage().getFormattedMessage(),
                        e.getThrown() != null));
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Map<String, Level> before = new LinkedHashMap<>();
        Map<String, Level> production = new LinkedHashMap<>();
        for (String name : AT_PRODUCTION_LEVEL) {
            before.put(name, LogManager.getLogger(name).getLevel());
            production.put(name, Level.WARN);
        }
        Configurator.setLevel(production);
        context.getConfiguration().getRootLogger().addAppender(appender, Level.WARN, null);
        context.updateLoggers();
        try {
            action.run();
        } finally {
            context.getConfiguration().getRootLogger().removeAppender(appender.getName());
            context.updateLoggers();
            Configurator.setLevel(before);
            appender.stop();
        }
        return List.copyOf(events);
    }
}
