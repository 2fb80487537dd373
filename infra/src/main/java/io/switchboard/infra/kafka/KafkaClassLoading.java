package io.switchboard.infra.kafka;

import java.util.function.Supplier;

/**
 * Kafka clients load configured classes (such as their JMX metrics reporter) through the thread's
 * context class loader. Inside a Quarkus test that loader differs from the one that loaded the client
 * itself, and the client fails with a ClassCastException; creating it with its own loader avoids that.
 */
public final class KafkaClassLoading {

    private KafkaClassLoading() {
    }

    public static <T> T create(Supplier<T> client) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(org.apache.kafka.clients.admin.Admin.class.getClassLoader());
        try {
            return client.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
