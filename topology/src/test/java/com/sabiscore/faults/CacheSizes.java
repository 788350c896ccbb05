package com.sabiscore.faults;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The entries of each in-memory cache of an instance, as its {@code /metrics} reports them ({@code cache_size}). */
record CacheSizes(Map<String, Double> entries) {

    private static final Pattern SIZE = Pattern.compile("^cache_size\\{cache=\"([^\"]+)\"[^}]*} (\\S+)$", Pattern.MULTILINE);

    CacheSizes {
        entries = Map.copyOf(entries);
    }

    static CacheSizes read(int httpPort) throws IOException {
        try (HttpExchange connection = new HttpExchange("127.0.0.1", httpPort)) {
            HttpExchange.Response metrics = connection.send(HttpExchange.Request.get("/metrics"));
            if (metrics.status() != 200) {
                throw new ScenarioFailure("GET /metrics answered " + metrics.status());
            }
            Map<String, Double> entries = new TreeMap<>();
            Matcher size = SIZE.matcher(metrics.body());
            while (size.find()) {
                entries.put(size.group(1), Double.parseDouble(size.group(2)));
            }
            if (entries.isEmpty()) {
                throw new ScenarioFailure("no cache_size in GET /metrics");
            }
            return new CacheSizes(entries);
        }
    }

    /** Whether every cache holds at least {@code share} of what it holds in {@code other}. */
    boolean filledTo(CacheSizes other, double share) {
        return other.entries.entrySet().stream().allMatch(e -> entries.getOrDefault(e.getKey(), 0.0) >= share * e.getValue());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        entries.forEach((cache, size) -> text.append(text.isEmpty() ? "" : ", ").append(cache).append(' ').append(String.format("%,.0f", size)));
        return text.toString();
    }
}
