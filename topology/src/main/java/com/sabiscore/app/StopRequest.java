package com.sabiscore.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * How {@code run} stops: SIGTERM or SIGINT (Ctrl-C) ask the main thread to close the app in order
 * and return, so the process exits with status 0 as service managers expect of a requested stop
 * (the JVM's default handling exits with 143 or 130). A shutdown hook still closes the app if the
 * JVM ends any other way. The close action runs once, whichever path comes first.
 */
final class StopRequest {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable close;
    private final Thread hook;

    private StopRequest(Runnable close) {
        this.close = close;
        this.hook = new Thread(this::closeOnce, "sabiscore-shutdown");
    }

    /** Installs the signal handlers and the shutdown hook; {@code close} stops everything that runs. */
    static StopRequest onTermOrInterrupt(Runnable close) {
        StopRequest stop = new StopRequest(close);
        // sun.misc.Signal is the JDK's only way to handle a signal; Kafka's own LoggingSignalHandler uses it too
        Signal.handle(new Signal("TERM"), signal -> stop.requested.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.requested.countDown());
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Waits for SIGTERM or SIGINT. */
    void await() throws InterruptedException {
        requested.await();
    }

    /** Whether SIGTERM or SIGINT has come. */
    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Closes the app now, on this thread; the shutdown hook then has nothing left to do. */
    void closeNow() {
        closeOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook runs but finds the app closed
        }
    }

    private void closeOnce() {
        if (closed.compareAndSet(false, true)) {
            close.run();
        }
    }
}
