package com.sabiscore.training;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Labelled feature rows in chronological order: the features a fixture had before kick-off,
 * its outcome (0 home, 1 draw, 2 away) and its season label.
 */
public record TrainingSet(List<String> featureNames, float[][] rows, int[] outcomes, String[] seasons) {

    public TrainingSet {
        featureNames = List.copyOf(featureNames);
        if (rows.length != outcomes.length || rows.length != seasons.length) {
            throw new IllegalArgumentException("rows, outcomes and seasons differ in length");
        }
    }

    public int size() {
        return rows.length;
    }

    /** The rows whose season passes {@code keep}, order preserved. */
    public TrainingSet seasons(Predicate<String> keep) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < seasons.length; i++) {
            if (keep.test(seasons[i])) {
                kept.add(i);
            }
        }
        float[][] keptRows = new float[kept.size()][];
        int[] keptOutcomes = new int[kept.size()];
        String[] keptSeasons = new String[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            int i = kept.get(k);
            keptRows[k] = rows[i];
            keptOutcomes[k] = outcomes[i];
            keptSeasons[k] = seasons[i];
        }
        return new TrainingSet(featureNames, keptRows, keptOutcomes, keptSeasons);
    }

    /** Distinct season labels in order of first appearance (chronological). */
    public List<String> seasonLabels() {
        List<String> labels = new ArrayList<>();
        for (String season : seasons) {
            if (labels.isEmpty() || !labels.get(labels.size() - 1).equals(season)) {
                if (!labels.contains(season)) {
                    labels.add(season);
                }
            }
        }
        return labels;
    }

    public int column(String featureName) {
        int index = featureNames.indexOf(featureName);
        if (index < 0) {
            throw new IllegalArgumentException("no feature named " + featureName + " in " + featureNames);
        }
        return index;
    }
}
