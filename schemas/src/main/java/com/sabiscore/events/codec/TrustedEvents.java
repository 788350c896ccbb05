package com.sabiscore.events.codec;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro 1.12.2 instantiate the generated event classes.
 *
 * <p>Avro 1.12.2 refuses to load any class it was not told to trust ("SecurityException: Forbidden
 * com.sabiscore.events.Fixture! This class is not trusted"). Its system property
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} is read once, when Avro's validator class is
 * initialised, so setting it from code is unreliable; instead this adds a predicate for the
 * generated classes to Avro's global {@link ClassSecurityValidator}, keeping whatever Avro already
 * trusts. {@link AvroCodec} calls {@link #install()} before it builds a decoder, so an app that
 * decodes through it needs no JVM flag. Code that calls a generated class's own
 * {@code getDecoder()} must call {@link #install()} first.
 */
public final class TrustedEvents {

    /** The package the Avro plugin generates every event class into (the schemas' namespace). */
    public static final String EVENTS_PACKAGE = "com.sabiscore.events";

    private static boolean installed;

    private TrustedEvents() {
    }

    /** Adds the generated event classes to Avro's trusted classes; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), TrustedEvents::isEventClass));
        installed = true;
    }

    /** Only classes directly in the schemas' namespace: the codec package itself is never decoded into. */
    static boolean isEventClass(Class<?> type) {
        return type.getPackageName().equals(EVENTS_PACKAGE);
    }
}
