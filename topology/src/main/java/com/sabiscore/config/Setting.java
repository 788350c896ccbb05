package com.sabiscore.config;

import com.sabiscore.data.download.DownloadSource;
import java.util.Locale;

/**
 * Every configuration setting: its properties-file key (also the CLI override key), its
 * environment variable, its default and what it means. {@code docs/configuration.md} is this
 * table in prose; a test keeps the two in step.
 */
public enum Setting {
    KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS", "",
            "Kafka brokers as host:port,...; empty starts an embedded single-node broker"),
    EMBEDDED_BROKER_DIR("embedded.broker.dir", "./run/kafka",
            "data folder of the embedded broker (kept across restarts)"),
    EMBEDDED_BROKER_PORT("embedded.broker.port", "9092",
            "client port of the embedded broker, so other processes (replay, connectors) find it; 0 picks a free port"),
    APPLICATION_ID("application.id", "sabiscore-streams",
            "Kafka Streams application id: consumer group, prefix of internal topics; instances sharing it share the work"),
    STATE_DIR("state.dir", "./run/state", "folder of Kafka Streams' task directories, checkpoints and any RocksDB stores"),
    STATE_STORE_TYPE("state.store.type", "in_memory",
            "in_memory (heap; every start restores the stores from their changelogs) or rocksdb (on disk under state.dir, for state larger than the heap: a clean restart restores nothing)"),
    FIXTURES_TOPIC("topic.fixtures", "sabiscore.fixtures", "input topic of Fixture events"),
    RESULTS_TOPIC("topic.results", "sabiscore.results", "input topic of MatchResult events"),
    PREDICTIONS_TOPIC("topic.predictions", "sabiscore.predictions", "output topic of Prediction events"),
    DEAD_LETTERS_TOPIC("topic.dead-letters", "sabiscore.dead-letters", "output topic of refused input records"),
    MODELS_TOPIC("topic.models", "sabiscore.models",
            "compacted topic of published model releases and of which one is champion or challenger (one partition)"),
    TOPIC_PARTITIONS("topic.partitions", "6",
            "partitions of every app topic; a competition lives on one, so more than the competition count adds nothing"),
    REPLICATION_FACTOR("topic.replication.factor", "1",
            "replicas of the app topics and of Kafka Streams' internal topics; use 3 on a real cluster"),
    PROCESSING_GUARANTEE("processing.guarantee", "exactly_once_v2",
            "exactly_once_v2 or at_least_once"),
    NUM_STREAM_THREADS("num.stream.threads", "",
            "Kafka Streams processing threads of this instance; empty: the processors available to the JVM, at most topic.partitions (a thread without a task only idles)"),
    MAX_TASK_IDLE_MS("max.task.idle.ms", "",
            "how long a task waits for a caught-up input topic (lag 0) to show a record before processing the other out of timestamp order; records known to be on the broker are always waited for; empty: 500 under exactly_once_v2 (one prediction version per fixture), 0 under at_least_once (the lowest live latency)"),
    RESULT_HOLD_GRACE_MS("result.hold.grace.ms", "30000",
            "a result ahead of the fixtures topic waits for a later fixture, or for this long (wall-clock) with no fixture arriving at all; bounds result-to-re-score latency when fixtures are quiet; 0 applies results on arrival"),
    HTTP_HOST("http.host", "",
            "address the HTTP API listens on; empty: 127.0.0.1 (loopback only) with the embedded broker, 0.0.0.0 (every address) when kafka.bootstrap.servers is set"),
    HTTP_PORT("http.port", "8080", "port the HTTP API listens on; 0 picks a free port"),
    HTTP_INTERNAL_SECRET("http.internal.secret", "",
            "shared secret of the instances: the internal routes (/internal/...) answer only requests carrying it in the X-SabiScore-Internal-Secret header, and forwarded queries send it; empty leaves them open; http.internal.secret.file (SABISCORE_HTTP_INTERNAL_SECRET_FILE) reads it from a file"),
    ADVERTISED_HOST("advertised.host", "localhost",
            "host name other instances use to reach this one's HTTP API (Kafka Streams application.server)"),
    REDIS_URI("redis.uri", "redis://127.0.0.1:6379", "Redis the predictions are mirrored to"),
    REDIS_PASSWORD("redis.password", "", "Redis password (AUTH); empty for none; redis.password.file (SABISCORE_REDIS_PASSWORD_FILE) reads it from a file"),
    REDIS_TLS("redis.tls", "false", "connect to Redis over TLS (a rediss:// URI does too)"),
    CACHE_TTL_SECONDS("cache.ttl.seconds", "3600", "time to live of a prediction in Redis"),
    NEAR_CACHE_MAX_ENTRIES("cache.near.max.entries", "10000",
            "predict answers read from Redis kept in the JVM too, coherent through Redis client tracking (RESP3); 0 turns the near cache off"),
    HOT_KEY_HORIZON_HOURS("hotkey.horizon.hours", "48",
            "a prediction whose fixture kicks off within this many hours of its event time is hot: mirrored to Redis"),
    HOT_KEY_THRESHOLD("hotkey.threshold", "5",
            "lookups of one fixture within the window that make it hot as well"),
    HOT_KEY_WINDOW_SECONDS("hotkey.window.seconds", "60", "window in which hot-key lookups are counted"),
    MAX_BATCH_SIZE("http.max.batch.size", "100", "most fixtures one batch request may ask for"),
    MAX_REQUEST_BODY_BYTES("http.max.request.body.bytes", "65536", "largest HTTP request body accepted"),
    HTTP_WORKER_THREADS("http.worker.threads", "8",
            "threads for HTTP work that may block (forwards, rebalance waits, on-demand predictions, range queries)"),
    HTTP_WORKER_QUEUE("http.worker.queue", "256",
            "HTTP work waiting for a worker thread; past this a request is answered 503 with Retry-After"),
    HTTP_READ_TIMEOUT_MS("http.read.timeout.ms", "10000",
            "longest a request may take to arrive whole (request line, headers and body), from its first byte; past it the request is answered 408 and the connection closed. A connection idle between requests is closed after 60 s, without an answer"),
    HTTP_CORS_ALLOWED_ORIGINS("http.cors.allowed.origins", "",
            "origins (scheme://host[:port], comma-separated) whose web pages may call the API across origins; empty: none. The app's own page is same-origin and needs none"),
    HTTP_CORS_ALLOW_CREDENTIALS("http.cors.allow.credentials", "false",
            "let the allowed origins send cookies and HTTP authentication with their calls (Access-Control-Allow-Credentials)"),
    HTTP_EVENTS_CLIENT_BUFFER("http.events.client.buffer", "1024",
            "prediction events a live-update client (GET /api/v1/predictions/stream) may fall behind by; past this it is dropped and reconnects, so a slow client never grows the server's memory"),
    BET_MIN_EDGE("bet.min.edge", "0.03",
            "smallest expected value per unit staked (model probability x price - 1) worth a bet"),
    KELLY_FRACTION("bet.kelly.fraction", "0.25", "fraction of the full Kelly stake to bet"),
    MAX_STAKE("bet.max.stake", "0.05", "largest stake as a fraction of the bankroll"),
    DATA_DIR("data.dir", "", "football-data CSV folder; empty: SABISCORE_DATA, ../shared/data/football, then the per-user data folder (downloaded into when empty)"),
    MODEL_DIR("model.dir", "", "folder of trained models; empty uses the models bundled on the class path"),
    DOWNLOAD_URL("download.url", DownloadSource.DEFAULT_LEAGUES_URL,
            "site the league history is downloaded from when no data is found, laid out as football-data.co.uk ({base}/mmz4281/{yyZZ}/{Div}.csv): a mirror works; the live feed follows the same site"),
    FEED_LIVE("feed.live", "false",
            "after the history replay, follow the site live (what run --live sets): the live feed connector's task runs in the app"),
    FEED_POLL_INTERVAL("feed.poll.interval", "PT10M",
            "ISO-8601 time between two looks of the live feed at the site; unchanged files cost a 304 answer each"),
    FEED_DIVISIONS("feed.divisions", "E0,D1,I1,SP1,F1", "divisions the live feed follows, comma-separated");

    private static final String ENV_PREFIX = "SABISCORE_";

    private final String key;
    private final String envName;
    private final String defaultValue;
    private final String meaning;

    Setting(String key, String defaultValue, String meaning) {
        this(key, ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), defaultValue, meaning);
    }

    Setting(String key, String envName, String defaultValue, String meaning) {
        this.key = key;
        this.envName = envName;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    /** A secret: never logged, and may be read from the file {@code <key>.file} (environment {@code <VARIABLE>_FILE}) names. */
    public boolean secret() {
        return this == REDIS_PASSWORD || this == HTTP_INTERNAL_SECRET;
    }

    /** Key in the {@code --config} properties file and in CLI overrides. */
    public String key() {
        return key;
    }

    public String envName() {
        return envName;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String meaning() {
        return meaning;
    }
}
