package io.switchboard.testing.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import io.switchboard.events.EventPayload;
import io.switchboard.events.EventType;
import io.switchboard.events.kafka.EnvelopeDeserializer;
import io.switchboard.events.kafka.EventTypeHeader;

/**
 * The event types an incoming channel passes over unread, as the service's {@code application.properties} on
 * the test classpath configures them: for checking them against the types its consumer handles.
 */
public final class SkippedTypes {

    private SkippedTypes() {
    }

    public static Set<Class<? extends EventPayload>> ofChannel(String channel) {
        String key = "mp.messaging.incoming." + channel + "." + EnvelopeDeserializer.SKIP_TYPES_CONFIG;
        // The test resources have an application.properties of their own besides the service's.
        String list = null;
        try {
            Enumeration<URL> files = SkippedTypes.class.getClassLoader().getResources("application.properties");
            while (list == null && files.hasMoreElements()) {
                Properties properties = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    properties.load(in);
                }
                list = properties.getProperty(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (list == null) {
            throw new IllegalStateException("No application.properties sets " + key);
        }
        return EventTypeHeader.parseList(list).stream()
                .map(name -> EventType.byWireName(name).orElseThrow().payloadClass())
                .collect(Collectors.toUnmodifiableSet());
    }
}
