package com.sabiscore.serving;

import com.sabiscore.backtest.ForecastMetrics;
import com.sabiscore.match.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Each model's running log-loss, RPS and Brier score against the results as they arrive, kept
 * per model version and the role it forecast in (a challenger later promoted starts a champion
 * entry). The formulas are the backtest's ({@link ForecastMetrics}), so live and backtest figures
 * compare. Thread-safe.
 */
public final class ModelScoreboard {

    /** One model in one role. */
    public record Key(String modelVersion, ModelRole role) {
    }

    /** A key's scores so far. */
    public record Entry(Key key, ForecastMetrics.Summary summary) {
    }

    private final ConcurrentMap<Key, ForecastMetrics> boards = new ConcurrentHashMap<>();
    private final List<Consumer<Key>> newKeyListeners = new CopyOnWriteArrayList<>();

    /** Scores one forecast (home, draw, away) against the outcome of its match. */
    public void add(String modelVersion, ModelRole role, double home, double draw, double away, Outcome outcome) {
        Key key = new Key(modelVersion, role);
        ForecastMetrics board = boards.get(key);
        if (board == null) {
            ForecastMetrics created = new ForecastMetrics();
            board = boards.putIfAbsent(key, created);
            if (board == null) {
                board = created;
                newKeyListeners.forEach(listener -> listener.accept(key));
            }
        }
        synchronized (board) {
            board.add(home, draw, away, outcome);
        }
    }

    /** The scores of one model in one role, empty before its first result. */
    public Optional<ForecastMetrics.Summary> summary(String modelVersion, ModelRole role) {
        ForecastMetrics board = boards.get(new Key(modelVersion, role));
        if (board == null) {
            return Optional.empty();
        }
        synchronized (board) {
            return Optional.of(board.summary());
        }
    }

    /** Every model scored so far, by version then role. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Key key : boards.keySet()) {
            summary(key.modelVersion(), key.role()).ifPresent(summary -> entries.add(new Entry(key, summary)));
        }
        entries.sort(Comparator.comparing((Entry e) -> e.key().modelVersion()).thenComparing(e -> e.key().role()));
        return entries;
    }

    /** Tells {@code listener} of every key already scored, and of each new one when its first result arrives. */
    public void onNewKey(Consumer<Key> listener) {
        newKeyListeners.add(listener);
        boards.keySet().forEach(listener);
    }
}
