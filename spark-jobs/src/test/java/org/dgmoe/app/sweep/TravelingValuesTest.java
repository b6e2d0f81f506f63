package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.dgmoe.app.base.SparkSessions;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.gof.AdaptiveStatistics;
import org.dgmoe.core.gof.LrtRecipe;
import org.dgmoe.core.gof.NullFit;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.gof.TestRow;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.study.TaskRunner;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The core values that cross to Spark executors and back (style point 17) are Serializable and survive
 * Java serialization, Spark's {@link JavaSerializer} and its {@link KryoSerializer} (with the registrator
 * every command's session gets, {@code KryoRecords}) bit for bit, and a study that crossed computes the same
 * task outcome as the driver's.
 */
class TravelingValuesTest {
    private static final ClassTag<Object> ANY = ClassTag$.MODULE$.apply(Object.class);
    private static final AdaptiveStatistics ADAPTIVE = new AdaptiveStatistics(0, 0, 0, 1, 0, 0);

    /** What crosses: the study (and all it holds), data sets, and the results of the executors' units. */
    private static final List<Class<?>> ROOTS = List.of(Study.class, Dataset.class, LrtRecipe.class,
            TaskOutcome.class, NullFit.class, NullSample.class, TestRow.class, GofStage.Unit.class,
            GofStage.Refit.class);

    /** The three ways a value crosses: plain Java serialization, and Spark's two serializers. */
    private static final Map<String, UnaryOperator<Object>> WIRES = Map.of(
            "java.io", TravelingValuesTest::javaRoundTrip,
            "spark-java", o -> sparkRoundTrip(new JavaSerializer(new SparkConf()), o),
            "spark-kryo", o -> sparkRoundTrip(new KryoSerializer(SparkSessions.complete(new SparkConf()
                    .setMaster("local[1]").set("spark.serializer", KryoSerializer.class.getName()), "test")), o));

    static Object javaRoundTrip(Object o) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("java serialization of " + o.getClass().getName() + " failed: " + e, e);
        }
    }

    static Object sparkRoundTrip(Serializer serializer, Object o) {
        SerializerInstance s = serializer.newInstance();
        return s.deserialize(s.serialize(o, ANY), ANY);
    }

    static List<Study> studies() throws IOException {
        // conf/gof-example.conf is a setting for data (no truth), not a study a sweep ships
        List<Path> files = new ArrayList<>(List.of(Path.of("..", "conf", "quickstart.conf")));
        try (Stream<Path> s = Files.list(Path.of("..", "conf", "studies"))) {
            s.filter(p -> p.toString().endsWith(".conf") && !p.getFileName().toString().equals("sizes.conf"))
                    .sorted().forEach(files::add);
        }
        return files.stream().map(p -> StudyConfigLoader.load(p, List.of()).study()).toList();
    }

    @Test
    void everyTypeReachableFromATravelingValueIsSerializable() {
        Set<Class<?>> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Class<?> root : ROOTS) {
            walk(root, root.getSimpleName(), seen, problems);
        }
        assertEquals(List.of(), problems);
        assertTrue(seen.size() > 25, "the walk reached the model, g0, covariate and fit records: " + seen);
    }

    @Test
    void theWalkFindsANonSerializableComponent() {
        record Holder(Dataset data, Object plain) implements Serializable {
        }
        record Leaky(Holder holder, NotSerializable inner) implements Serializable {
        }
        List<String> problems = new ArrayList<>();
        walk(Leaky.class, "Leaky", new HashSet<>(), problems);
        assertEquals(List.of("Leaky.inner: " + NotSerializable.class.getName() + " is not Serializable"), problems);
    }

    record NotSerializable(double value) {
    }

    @Test
    void studiesCrossEveryWireBitForBit() throws IOException {
        List<Study> studies = studies();
        assertTrue(studies.size() >= 7, "quickstart and conf/studies");
        for (Study study : studies) {
            WIRES.forEach((wire, roundTrip) -> {
                Object copy = roundTrip.apply(study);
                assertNotSame(study, copy);
                assertSameValue(study, copy, wire + ": " + study.name(), Set.of());
            });
        }
    }

    @Test
    void taskDataAndResultsCrossEveryWireBitForBit() throws IOException {
        Study study = studies().get(0);
        Setting setting = study.settings().get(0);
        int n = study.sampleSizes()[0];
        TaskRunner runner = new TaskRunner(study);
        Dataset data = runner.data(setting, n, 1);
        TaskOutcome outcome = runner.run(setting, n, 1);
        NullSample nulls = NullSample.of(List.of(new NullFit(1, 0.25, false, 0.125, FitStatus.CONVERGED, 0.5, 0.75,
                0.0625, 0.375, new AdaptiveStatistics(1.5, 2.25, 0.125, 3, -0.5, 6.5)), new NullFit(0, 0, true, Double.NaN,
                FitStatus.NON_FINITE, 0.1, Double.NaN, 0.2, 0.3, new AdaptiveStatistics(Double.NaN, 0, 7, 1, Double.POSITIVE_INFINITY, Double.NaN))));
        GofStage.Refit refit = new GofStage.Refit(new GofStage.Unit("exact-fit", n, 1), -7L, nulls.fit(1));
        LrtRecipe recipe = LrtRecipe.of(setting.fit().experts(), setting.fit().em());
        for (Object value : List.of(data, outcome, nulls, refit, recipe)) {
            WIRES.forEach((wire, roundTrip) -> {
                Object copy = roundTrip.apply(value);
                assertNotSame(value, copy);
                assertSameValue(value, copy, wire + ": " + value.getClass().getSimpleName(), Set.of());
            });
        }
    }

    @Test
    void aStudyThatCrossedComputesTheDriversOutcome() throws IOException {
        Study study = studies().get(0);
        Study crossed = (Study) javaRoundTrip(study);
        Setting setting = study.settings().get(study.settings().size() - 1);
        int n = study.sampleSizes()[0];
        TaskOutcome here = new TaskRunner(study).run(setting, n, 2);
        TaskOutcome there = new TaskRunner(crossed).run(crossed.setting(setting.name()), n, 2);
        assertSameValue(here, there, "outcome", Set.of("millis"));
    }

    @Test
    void deserializationValidatesLikeTheConstructors() throws Exception {
        // a stream that holds what the constructors refuse is refused when read
        NullSample sample = NullSample.of(List.of(new NullFit(0, 1, false, 0.5, FitStatus.CONVERGED, 0, 1, 0, 0, ADAPTIVE)));
        Field fits = NullSample.class.getDeclaredField("fits");
        fits.setAccessible(true);
        ((NullFit[]) fits.get(sample))[0] = new NullFit(3, 1, false, 0.5, FitStatus.CONVERGED, 0, 1, 0, 0, ADAPTIVE);
        AssertionError e = assertThrows(AssertionError.class, () -> javaRoundTrip(sample));
        assertTrue(e.getCause() instanceof InvalidObjectException && e.getCause().getMessage().contains("index 3"),
                String.valueOf(e.getCause()));

        Dataset data = new Dataset(1, new double[] {1, 2}, new double[] {3, 4});
        Field y = Dataset.class.getDeclaredField("y");
        y.setAccessible(true);
        y.set(data, new double[] {3});
        e = assertThrows(AssertionError.class, () -> javaRoundTrip(data));
        assertTrue(e.getCause() instanceof InvalidObjectException && e.getCause().getMessage().startsWith("x:"),
                String.valueOf(e.getCause()));
    }

    /** Records every type reachable from {@code type} through record components, sealed subtypes and fields. */
    private static void walk(Type type, String path, Set<Class<?>> seen, List<String> problems) {
        if (type instanceof ParameterizedType p) {
            walk(p.getRawType(), path, seen, problems);
            for (Type a : p.getActualTypeArguments()) {
                walk(a, path + "<>", seen, problems);
            }
            return;
        }
        if (type instanceof GenericArrayType g) {
            walk(g.getGenericComponentType(), path + "[]", seen, problems);
            return;
        }
        if (!(type instanceof Class<?> c)) {
            return;
        }
        if (c.isArray()) {
            walk(c.getComponentType(), path + "[]", seen, problems);
            return;
        }
        if (c.isPrimitive() || c.getName().startsWith("java.") || !seen.add(c)) {
            return;
        }
        if (!Serializable.class.isAssignableFrom(c)) {
            problems.add(path + ": " + c.getName() + " is not Serializable");
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                walk(rc.getGenericType(), path + "." + rc.getName(), seen, problems);
            }
        } else if (c.isSealed()) {
            for (Class<?> sub : c.getPermittedSubclasses()) {
                walk(sub, path + "(" + sub.getSimpleName() + ")", seen, problems);
            }
        } else if (!c.isEnum() && !c.isInterface()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                    walk(f.getGenericType(), path + "." + f.getName(), seen, problems);
                }
            }
        }
    }

    /**
     * Asserts that {@code b} is {@code a} bit for bit: doubles by their bits, records component by component,
     * other classes field by field, lists in order, maps key by key; components named in {@code ignore}
     * (timings) are skipped.
     */
    static void assertSameValue(Object a, Object b, String path, Set<String> ignore) {
        if (a == null || b == null) {
            assertEquals(a, b, path);
            return;
        }
        Class<?> c = a.getClass();
        if (a instanceof List<?> l && b instanceof List<?> m) {
            assertEquals(l.size(), m.size(), path + ".size");
            for (int i = 0; i < l.size(); i++) {
                assertSameValue(l.get(i), m.get(i), path + "[" + i + "]", ignore);
            }
            return;
        }
        if (a instanceof Map<?, ?> l && b instanceof Map<?, ?> m) {
            assertEquals(l.keySet(), m.keySet(), path + ".keys");
            for (Object k : l.keySet()) {
                assertSameValue(l.get(k), m.get(k), path + "{" + k + "}", ignore);
            }
            return;
        }
        assertEquals(c, b.getClass(), path);
        if (c.isArray()) {
            assertEquals(Array.getLength(a), Array.getLength(b), path + ".length");
            for (int i = 0; i < Array.getLength(a); i++) {
                assertSameValue(Array.get(a, i), Array.get(b, i), path + "[" + i + "]", ignore);
            }
        } else if (a instanceof Double x) {
            assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits((Double) b), path);
        } else if (a instanceof Number || a instanceof Boolean || a instanceof String || a instanceof Enum<?>) {
            assertEquals(a, b, path);
        } else if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (!ignore.contains(rc.getName())) {
                    assertSameValue(get(rc, a), get(rc, b), path + "." + rc.getName(), ignore);
                }
            }
        } else {
            assertTrue(c.getName().startsWith("org.dgmoe."), path + ": no rule to compare a " + c.getName());
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !ignore.contains(f.getName())) {
                    f.setAccessible(true);
                    try {
                        assertSameValue(f.get(a), f.get(b), path + "." + f.getName(), ignore);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(path + "." + f.getName(), e);
                    }
                }
            }
        }
    }

    private static Object get(RecordComponent rc, Object record) {
        try {
            rc.getAccessor().setAccessible(true);
            return rc.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(rc.getName(), e);
        }
    }
}
