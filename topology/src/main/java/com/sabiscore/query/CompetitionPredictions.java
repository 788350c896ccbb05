package com.sabiscore.query;

import java.util.List;

/**
 * A competition's predictions between two match dates, merged from every instance's store copies.
 *
 * @param predictions one per fixture (the highest version seen), by kick-off
 * @param servedBy    the instances that contributed
 * @param stale       some contribution may be behind (standby copy or an instance not RUNNING)
 * @param unreachable instances that host the store but did not answer: the list may be incomplete
 */
public record CompetitionPredictions(
        String competition,
        String from,
        String to,
        List<PredictionView> predictions,
        List<String> servedBy,
        boolean stale,
        List<String> unreachable) {

    public CompetitionPredictions {
        predictions = List.copyOf(predictions);
        servedBy = List.copyOf(servedBy);
        unreachable = List.copyOf(unreachable);
    }
}
