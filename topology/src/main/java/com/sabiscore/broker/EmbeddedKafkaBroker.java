package com.sabiscore.broker;

import com.sabiscore.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM:
 * what {@code bin/sabiscore run} uses when no bootstrap servers are configured, and what the
 * real-broker tests use. Its data folder survives restarts: the storage is formatted once, and
 * the ports of the last run are reused, so a restarted app finds its topics, offsets and
 * changelogs where it left them.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of("run/kafka"), 0)) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>For clients of a secured cluster it can also listen for SASL logins ({@link SaslListener}),
 * over TLS or not: a second listener, beside the plaintext one the broker itself uses, that
 * refuses every client that does not log in as one of its users.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    /** The embedded broker listens on the loopback address only. */
    public static final String HOST = "127.0.0.1";
    private static final String SERVER_PROPERTIES = "server.properties";
    /** The ports of the last run on a folder, reused by the next start. */
    private static final String PORTS_FILE = "ports.properties";
    private static final String BROKER_PORT_KEY = "broker.port";
    private static final String CONTROLLER_PORT_KEY = "controller.port";
    private static final String SASL_PORT_KEY = "sasl.port";
    private static final String SASL_LISTENER = "SASL";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Kafka's smallest SCRAM iteration count: these are test users on one machine, not worth slower logins. */
    private static final int SCRAM_ITERATIONS = 4096;

    /**
     * A listener that takes SASL logins from these users only.
     *
     * @param mechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     * @param users     user name → password
     * @param tls       the listener's certificate, for SASL over TLS ({@code SASL_SSL}); null for
     *                  SASL without TLS ({@code SASL_PLAINTEXT})
     */
    public record SaslListener(String mechanism, Map<String, String> users, Tls tls) {

        public SaslListener {
            if (!mechanism.equals("PLAIN") && !isScram(mechanism)) {
                throw new IllegalArgumentException("SASL mechanism must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, not " + mechanism);
            }
            users = Map.copyOf(users);
        }

        /** {@code SASL_SSL} with TLS, else {@code SASL_PLAINTEXT}: the client's {@code security.protocol}. */
        public String securityProtocol() {
            return tls == null ? "SASL_PLAINTEXT" : "SASL_SSL";
        }

        /** What a client sets to log in as {@code user}: security protocol, mechanism, JAAS line, and the trust store with TLS. */
        public Map<String, Object> clientSettings(String user, String password) {
            Map<String, Object> settings = new HashMap<>(Map.of(
                    CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol(),
                    SaslConfigs.SASL_MECHANISM, mechanism,
                    SaslConfigs.SASL_JAAS_CONFIG, clientJaasConfig(user, password)));
            if (tls != null) {
                settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.truststore().toString());
                settings.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, tls.password());
                settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
            }
            return settings;
        }

        private static boolean isScram(String mechanism) {
            return mechanism.equals("SCRAM-SHA-256") || mechanism.equals("SCRAM-SHA-512");
        }

        /** The {@code sasl.jaas.config} a client logs in with as {@code user}. */
        public String clientJaasConfig(String user, String password) {
            String module = isScram(mechanism) ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            return module + " required username=\"" + user + "\" password=\"" + password + "\";";
        }

        /** The broker's side of the login: PLAIN lists its users here, SCRAM keeps salted credentials in the cluster metadata. */
        private String serverJaasConfig() {
            if (isScram(mechanism)) {
                return "org.apache.kafka.common.security.scram.ScramLoginModule required;";
            }
            StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
            users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
            return jaas.append(';').toString();
        }
    }

    /**
     * The TLS side of a SASL listener: PKCS#12 stores sharing one password.
     *
     * @param keystore   the listener's private key and certificate (for {@code 127.0.0.1})
     * @param truststore what clients trust: that certificate, or the authority that signed it
     */
    public record Tls(Path keystore, Path truststore, String password) {
    }

    private final Path dataDir;
    private final int brokerPort;
    private final int saslPort;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Path dataDir, int brokerPort, int saslPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.saslPort = saslPort;
        this.server = server;
    }

    /** Starts the broker {@code embedded.broker.dir} and {@code embedded.broker.port} describe. */
    public static EmbeddedKafkaBroker start(AppConfig config) {
        return start(config.embeddedBrokerDir(), config.embeddedBrokerPort());
    }

    /**
     * Starts a broker on {@code dataDir} (created and formatted if new) and waits until it serves
     * clients.
     *
     * @param brokerPort the client port; 0 reuses the port of the last run on this folder, or
     *                   picks a free one for a new folder
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int brokerPort) {
        return start(dataDir, brokerPort, null);
    }

    /**
     * Like {@link #start(Path, int)}, with a SASL listener besides ({@link #saslBootstrapServers()})
     * on a free port (the same as the last run's on this folder); its users can log in once this
     * returns.
     *
     * @param sasl null for none
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int brokerPort, SaslListener sasl) {
        long started = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        Properties previousPorts = readProperties(dir.resolve(PORTS_FILE));
        int port = brokerPort != 0 ? brokerPort : portOrFree(previousPorts, BROKER_PORT_KEY);
        // the controller's address is part of the formatted quorum: keep it across restarts
        int controllerPort = portOrFree(previousPorts, CONTROLLER_PORT_KEY, port);
        Properties ports = new Properties();
        ports.put(BROKER_PORT_KEY, String.valueOf(port));
        ports.put(CONTROLLER_PORT_KEY, String.valueOf(controllerPort));
        int saslPort = sasl == null ? 0 : portOrFree(previousPorts, SASL_PORT_KEY, port, controllerPort);
        Properties props = serverProperties(dir, port, controllerPort);
        if (sasl != null) {
            ports.put(SASL_PORT_KEY, String.valueOf(saslPort));
            addSaslListener(props, sasl, saslPort);
        }
        writeProperties(dir.resolve(SERVER_PROPERTIES), props);
        writeProperties(dir.resolve(PORTS_FILE), ports);
        formatStorageOnce(dir);

        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw new IllegalStateException("embedded broker cannot start on 127.0.0.1:" + port + " (controller "
                    + controllerPort + "), data in " + dir + ": " + e.getMessage(), e);
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, port, saslPort, server);
        try {
            broker.awaitReady();
            if (sasl != null) {
                broker.awaitSaslLogins(sasl);
            }
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("embedded Kafka broker ready at {} in {} ms (data in {})", broker.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
        return broker;
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /** {@code host:port} of the SASL listener. */
    public String saslBootstrapServers() {
        if (saslPort == 0) {
            throw new IllegalStateException("this broker was started without a SASL listener");
        }
        return HOST + ":" + saslPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down cleanly (flushing logs) and waits until it has stopped; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        LOG.info("embedded Kafka broker stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static Properties serverProperties(Path dir, int port, int controller) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", HOST + ":" + controller);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controller);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dir.resolve("logs").toString());
        // one node holds one replica: every internal topic must accept a replication factor and min ISR of 1
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        // a handful of groups and transactional producers: 50 partitions each would only slow the first join
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");
        // only one app instance joins locally: waiting 3 s for more members delays every start
        props.put("group.initial.rebalance.delay.ms", "0");
        // the 128 MiB default keeps ~170 MB of heap live in this JVM; a few MiB compacts our changelogs fine
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        // after a crash the broker re-reads every log past its last recorded flush before it serves: flushing and
        // recording that point every second bounds the re-read to about a second of writes (docs/benchmarks.md,
        // "Time to ready and restart")
        props.put("log.flush.interval.ms", "1000");
        props.put("log.flush.scheduler.interval.ms", "1000");
        props.put("log.flush.offset.checkpoint.interval.ms", "1000");
        // after a crash the controller refuses the restarted broker's registration until the dead one's session times
        // out (9 s by default); broker and controller share this process, so a heartbeat is never late on a network
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "3000");
        return props;
    }

    /** The broker and controller keep talking over plaintext: the SASL listener is for clients only. */
    private static void addSaslListener(Properties props, SaslListener sasl, int saslPort) {
        String listener = SASL_LISTENER + "://" + HOST + ":" + saslPort;
        props.put("listeners", props.getProperty("listeners") + "," + listener);
        props.put("advertised.listeners", props.getProperty("advertised.listeners") + "," + listener);
        props.put("listener.security.protocol.map", props.getProperty("listener.security.protocol.map") + "," + SASL_LISTENER + ":"
                + sasl.securityProtocol());
        props.put("sasl.enabled.mechanisms", sasl.mechanism());
        String prefix = "listener.name." + SASL_LISTENER.toLowerCase(Locale.ROOT) + ".";
        props.put(prefix + sasl.mechanism().toLowerCase(Locale.ROOT) + ".sasl.jaas.config", sasl.serverJaasConfig());
        if (sasl.tls() != null) {
            props.put(prefix + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, sasl.tls().keystore().toString());
            props.put(prefix + SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, sasl.tls().password());
            props.put(prefix + SslConfigs.SSL_KEY_PASSWORD_CONFIG, sasl.tls().password());
            props.put(prefix + SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
        }
    }

    /**
     * Creates the SCRAM users (PLAIN ones are in the listener's configuration already) and waits
     * until each can log in: the credentials reach the listener through the cluster metadata, a
     * moment after the controller has accepted them.
     */
    private void awaitSaslLogins(SaslListener sasl) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            if (SaslListener.isScram(sasl.mechanism())) {
                ScramMechanism mechanism = ScramMechanism.fromMechanismName(sasl.mechanism());
                List<UserScramCredentialAlteration> users = sasl.users().entrySet().stream()
                        .map(user -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(user.getKey(),
                                new ScramCredentialInfo(mechanism, SCRAM_ITERATIONS), user.getValue()))
                        .toList();
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
                    admin.alterUserScramCredentials(users).all().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            for (Map.Entry<String, String> user : sasl.users().entrySet()) {
                Map<String, Object> login = new HashMap<>(sasl.clientSettings(user.getKey(), user.getValue()));
                login.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, saslBootstrapServers());
                while (!canLogIn(login)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("user " + user.getKey() + " cannot log in at " + saslBootstrapServers()
                                + " within " + READY_TIMEOUT);
                    }
                    Thread.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the SASL listener", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the SCRAM users at " + bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /** False while the listener does not know the user yet. */
    private static boolean canLogIn(Map<String, Object> login) throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(login)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException) {
                return false;
            }
            throw new IllegalStateException("the SASL listener did not answer: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Properties readProperties(Path file) {
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return props;
    }

    private static int portOrFree(Properties previousPorts, String key, int... taken) {
        String previous = previousPorts.getProperty(key);
        return previous != null ? Integer.parseInt(previous) : freePort(taken);
    }

    private static void writeProperties(Path file, Properties props) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "written by EmbeddedKafkaBroker at every start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A formatted folder keeps its cluster id and data: formatting again would refuse or wipe it. */
    private static void formatStorageOnce(Path dir) {
        if (Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "--standalone", "-t", Uuid.randomUuid().toString(),
                "-c", dir.resolve(SERVER_PROPERTIES).toString()};
        int exitCode;
        try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, printer);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + dir + " failed: " + output.toString(StandardCharsets.UTF_8));
        }
        LOG.debug("formatted Kafka storage: {}", output.toString(StandardCharsets.UTF_8).strip());
    }

    private void awaitReady() {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("embedded broker at " + bootstrapServers() + " did not answer within " + READY_TIMEOUT, e);
        }
    }

    /** A loopback port free right now and not among {@code taken} (ports chosen but not yet bound). */
    private static int freePort(int... taken) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                int port = socket.getLocalPort();
                if (Arrays.stream(taken).noneMatch(t -> t == port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
    }
}
