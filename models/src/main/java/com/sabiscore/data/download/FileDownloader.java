package com.sabiscore.data.download;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Fetches one file over HTTP into place: bounded by a connect timeout and a read timeout (no byte
 * for that long ends the attempt), retried with doubling waits after a network error or a 5xx,
 * checked in memory, then written beside the target and renamed over it, so a reader never sees a
 * partial or unchecked file.
 */
public final class FileDownloader {

    private static final String USER_AGENT = "sabiscore-streams (history download)";

    /** Checks fetched bytes before they are saved. */
    @FunctionalInterface
    public interface ContentCheck {
        /**
         * @return how many matches the file holds; 0 means the source has nothing for it yet
         * @throws InvalidFileException when the bytes are not what the file should be
         */
        int matches(byte[] content) throws InvalidFileException;
    }

    /** Hears about an attempt while it runs. */
    public interface Listener {
        void received(long bytes);

        void retrying(String problem, Duration wait);
    }

    /** What became of one file. */
    public sealed interface Outcome {
    }

    /** Saved (or replaced) {@code file}: {@code bytes} long, {@code matches} matches. */
    public record Saved(Path file, long bytes, int matches) implements Outcome {
    }

    /** The source has no such file (404), or one without a match yet: nothing was saved. */
    public record Missing(String reason) implements Outcome {
    }

    /** The source answered with an error or with something that is not the file: nothing was saved. */
    public record Rejected(String reason) implements Outcome {
    }

    /** The source did not answer (refused, reset, timed out) on every attempt: nothing was saved. */
    public record Unreachable(String reason) implements Outcome {
    }

    private final HttpClient client;
    private final Duration readTimeout;
    private final int attempts;
    private final Duration firstRetryWait;

    /**
     * @param attempts       tries per file (at least 1)
     * @param firstRetryWait the wait before the second try; each later wait doubles
     */
    public FileDownloader(Duration connectTimeout, Duration readTimeout, int attempts, Duration firstRetryWait) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.readTimeout = readTimeout;
        this.attempts = attempts;
        this.firstRetryWait = firstRetryWait;
    }

    /** 10 s to connect, 30 s without a byte ends an attempt, four attempts waiting 1, 2 and 4 s between them. */
    public static FileDownloader withDefaults() {
        return new FileDownloader(Duration.ofSeconds(10), Duration.ofSeconds(30), 4, Duration.ofSeconds(1));
    }

    /**
     * Fetches {@code uri} and, when {@code check} accepts it, saves it as {@code target}.
     *
     * @throws DownloadFailedException when the file cannot be written where it belongs
     */
    public Outcome download(URI uri, Path target, ContentCheck check, Listener listener) throws InterruptedException {
        Duration wait = firstRetryWait;
        for (int attempt = 1; ; attempt++) {
            String problem;
            boolean network = false;
            try {
                HttpResponse<byte[]> response = get(uri, listener);
                int status = response.statusCode();
                if (status == 200) {
                    return save(response.body(), uri, target, check);
                }
                if (status == 404 || status == 410) {
                    return new Missing("not on the source (HTTP " + status + ")");
                }
                if (status < 500 && status != 408 && status != 429) {
                    return new Rejected("HTTP " + status + " from " + uri);
                }
                problem = "HTTP " + status;
            } catch (IOException e) {
                problem = describe(e);
                network = true;
            }
            if (attempt == attempts) {
                String reason = problem + " from " + uri + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)");
                return network ? new Unreachable(reason) : new Rejected(reason);
            }
            listener.retrying(problem, wait);
            Thread.sleep(wait.toMillis());
            wait = wait.multipliedBy(2);
        }
    }

    private HttpResponse<byte[]> get(URI uri, Listener listener) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout).header("User-Agent", USER_AGENT).GET().build();
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, info -> {
            lastActivity.set(System.nanoTime());
            return info.statusCode() == 200
                    ? new CountingSubscriber(BodySubscribers.ofByteArray(), bytes -> {
                        lastActivity.set(System.nanoTime());
                        listener.received(bytes);
                    })
                    : BodySubscribers.replacing(new byte[0]);
        });
        try {
            while (true) {
                long untilIdle = lastActivity.get() + readTimeout.toNanos() - System.nanoTime();
                if (untilIdle <= 0) {
                    response.cancel(true);
                    throw new HttpTimeoutException("no data for " + readTimeout.toMillis() + " ms");
                }
                try {
                    return response.get(untilIdle, TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillRunning) {
                    // bytes may have arrived meanwhile: the loop measures the idle time again
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        }
    }

    private static Outcome save(byte[] content, URI uri, Path target, ContentCheck check) {
        int matches;
        try {
            matches = check.matches(content);
        } catch (InvalidFileException e) {
            return new Rejected(uri + " is not the expected file: " + e.getMessage());
        }
        if (matches == 0) {
            return new Missing("no match in it yet");
        }
        writeAtomically(content, target);
        return new Saved(target, content.length, matches);
    }

    /** Writes beside the target and renames, so readers never see a partial file. */
    static void writeAtomically(byte[] content, Path target) {
        Path partial = null;
        try {
            Path folder = Files.createDirectories(target.toAbsolutePath().getParent());
            partial = Files.createTempFile(folder, "." + target.getFileName() + ".", ".part");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (partial != null) {
                // best effort: the write error is what the user needs to see
                partial.toFile().delete();
            }
            throw new DownloadFailedException("cannot write " + target + ": " + describe(e)
                    + "; make that folder writable, or point SABISCORE_DATA_HOME at another one");
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    /** Reports each chunk of the body as it arrives, then hands it on. */
    private record CountingSubscriber(BodySubscriber<byte[]> delegate, LongConsumer onBytes)
            implements BodySubscriber<byte[]> {

        @Override
        public CompletionStage<byte[]> getBody() {
            return delegate.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            delegate.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            onBytes.accept(item.stream().mapToLong(ByteBuffer::remaining).sum());
            delegate.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            delegate.onError(throwable);
        }

        @Override
        public void onComplete() {
            delegate.onComplete();
        }
    }

    /** The fetched bytes are not the file they should be; the message says how. */
    public static final class InvalidFileException extends Exception {
        public InvalidFileException(String message) {
            super(message);
        }
    }
}
