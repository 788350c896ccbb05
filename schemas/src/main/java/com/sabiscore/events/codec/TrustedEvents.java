package com.sabiscore.events.codec;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro 1.12.2 instantiate the generated event and state-store value classes.
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
    /** The package of the generated state-store value classes. */
    public static final String STATE_PACKAGE = "com.sabiscore.state";

    private static boolean installed;

    private TrustedEvents() {
    }

    /** Adds the generated classes to Avro's trusted classes; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), TrustedEvents::isGeneratedClass));
        installed = true;
    }

    /** Only classes directly in the schemas' namespaces: the codec package itself is never decoded into. */
    static boolean isGeneratedClass(Class<?> type) {
        String name = type.getPackageName();
        return name.equals(EVENTS_PACKAGE) || name.equals(STATE_PACKAGE);
    }
}
