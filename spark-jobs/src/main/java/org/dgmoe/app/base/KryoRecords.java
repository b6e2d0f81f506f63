package org.dgmoe.app.base;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Lets a session run with {@code spark.serializer = org.apache.spark.serializer.KryoSerializer}: Spark's
 * Kryo (4.x) cannot write a Java record (its field serializer reaches final fields through
 * {@code Unsafe.objectFieldOffset}, which records refuse), and the values that cross to executors and back
 * are records (the core's study, results and the app's task keys). Every record therefore goes through Java
 * serialization inside Kryo, which rebuilds it through its canonical constructor, as the default
 * {@code JavaSerializer} does. {@link SparkSessions#complete} adds this registrator to every command's session.
 */
public final class KryoRecords implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
    }
}
