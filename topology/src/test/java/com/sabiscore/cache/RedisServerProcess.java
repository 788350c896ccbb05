package com.sabiscore.cache;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A private {@code redis-server} on a free loopback port, for tests that need Redis to go away and
 * come back, or to ask for a password (the shared one on 6379 must stay up, and open). Without a
 * data folder it starts empty every time; with one it loads the snapshot a {@code SAVE} left there
 * (it never saves by itself).
 */
public final class RedisServerProcess implements AutoCloseable {

    public final int port;
    private final Path dataDir;
    private final String password;
    private Process process;

    /** No persistence: every start is empty. */
    RedisServerProcess() throws IOException {
        this(null, null);
    }

    /**
     * @param dataDir  where snapshots ({@code SAVE}) go and are loaded from at the next start; null for none
     * @param password what every client must log in with ({@code requirepass}); null for none
     */
    public RedisServerProcess(Path dataDir, String password) throws IOException {
        this.dataDir = dataDir;
        this.password = password;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        if (dataDir != null) {
            command.addAll(List.of("--dir", dataDir.toString()));
        }
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (answersPing()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            // a server that asks for a password answers too: "-NOAUTH Authentication required."
            byte[] reply = socket.getInputStream().readNBytes(7);
            String answer = new String(reply, StandardCharsets.US_ASCII);
            return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH");
        } catch (IOException notYet) {
            return false;
        }
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
