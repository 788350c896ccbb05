package com.sabiscore.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Paced HTTP load on one instance: {@code connections} keep-alive connections, each sending the
 * next request of {@code requests} at its share of {@code rate} (or as soon as the previous
 * answer came, if that is later). Every request's outcome goes to {@code onOutcome}, from the
 * connection's thread. A connection that fails is opened again after a short pause.
 */
final class HttpLoad implements AutoCloseable {

    private static final long RECONNECT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * One request and what came of it.
     *
     * @param status the answer's status, or -1 when none came (refused, closed, reset, timed out)
     * @param body   the answer's body, or the error for a request without an answer
     */
    record Outcome(HttpExchange.Request request, long startNanos, long endNanos, int status, String body) {

        boolean answered() {
            return status >= 0;
        }
    }

    private final String host;
    private final int port;
    private final long intervalNanos;
    private final Supplier<HttpExchange.Request> requests;
    private final Consumer<Outcome> onOutcome;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    HttpLoad(String name, String host, int port, int connections, double ratePerSecond, Supplier<HttpExchange.Request> requests,
             Consumer<Outcome> onOutcome) {
        this.host = host;
        this.port = port;
        this.intervalNanos = (long) (connections * 1e9 / ratePerSecond);
        this.requests = requests;
        this.onOutcome = onOutcome;
        for (int c = 0; c < connections; c++) {
            Thread worker = new Thread(this::drive, name + "-" + c);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private void drive() {
        try (HttpExchange connection = new HttpExchange(host, port)) {
            long next = System.nanoTime();
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                HttpExchange.Request request = requests.get();
                long started = System.nanoTime();
                Outcome outcome;
                try {
                    HttpExchange.Response response = connection.send(request);
                    outcome = new Outcome(request, started, System.nanoTime(), response.status(), response.body());
                } catch (IOException | RuntimeException e) {
                    outcome = new Outcome(request, started, System.nanoTime(), -1, e.getClass().getSimpleName() + ": " + e.getMessage());
                    LockSupport.parkNanos(RECONNECT_PAUSE_NANOS);
                }
                onOutcome.accept(outcome);
                next = Math.max(next + intervalNanos, System.nanoTime());
            }
        }
    }

    /** Stops sending; a request in flight is finished first. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(20));
        }
    }
}
