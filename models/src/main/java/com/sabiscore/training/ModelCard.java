package com.sabiscore.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sabiscore.backtest.CalibrationTable;
import com.sabiscore.backtest.ForecastMetrics;
import com.sabiscore.onnx.Stacker;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one trained head is and how well it did: members, stacker weights, training range, and the
 * walk-forward scores of every member and of the ensemble next to the market and Elo baselines on
 * the same matches, plus a calibration table. Written as Markdown for people and JSON for tools.
 *
 * @param validationMetrics name → walk-forward metrics on the same matches (members, ensemble, baselines)
 * @param seasonMetrics     validation season → ensemble metrics
 */
public record ModelCard(String file, String head, String modelVersion, String trainingRange, String validationProtocol,
                        List<String> featureNames, List<String> members, Stacker stacker, String treeSettings,
                        Map<String, ForecastMetrics.Summary> validationMetrics,
                        Map<String, ForecastMetrics.Summary> seasonMetrics, List<CalibrationTable.Bin> calibration) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The validation metrics alone, compact, for the model's metadata_props. */
    public String metricsJson() {
        try {
            return new ObjectMapper().writeValueAsString(metricsNode(validationMetrics));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("file", file);
        root.put("head", head);
        root.put("model_version", modelVersion);
        root.put("training_range", trainingRange);
        root.put("validation", validationProtocol);
        root.put("trees", treeSettings);
        ArrayNode features = root.putArray("features");
        featureNames.forEach(features::add);
        ObjectNode stack = root.putObject("stacker");
        for (int m = 0; m < members.size(); m++) {
            ArrayNode weights = stack.putArray(members.get(m));
            for (double w : stacker.weights()[m]) {
                weights.add(w);
            }
        }
        ArrayNode bias = stack.putArray("bias");
        for (double b : stacker.bias()) {
            bias.add(b);
        }
        root.set("walk_forward", metricsNode(validationMetrics));
        root.set("walk_forward_by_season", metricsNode(seasonMetrics));
        ArrayNode bins = root.putArray("calibration");
        for (CalibrationTable.Bin bin : calibration) {
            ObjectNode node = bins.addObject();
            node.put("outcome", bin.outcome().name());
            node.put("lower", bin.lower());
            node.put("upper", bin.upper());
            node.put("count", bin.count());
            node.put("mean_forecast", bin.meanForecast());
            node.put("observed_rate", bin.observedRate());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode metricsNode(Map<String, ForecastMetrics.Summary> metrics) {
        ObjectNode node = JSON.createObjectNode();
        metrics.forEach((name, summary) -> {
            ObjectNode entry = node.putObject(name);
            entry.put("matches", summary.matches());
            entry.put("log_loss", round(summary.logLoss()));
            entry.put("rps", round(summary.rps()));
            entry.put("brier", round(summary.brier()));
            entry.put("accuracy", round(summary.accuracy()));
        });
        return node;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Model card: ").append(file).append("\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| head | `").append(head).append("` |\n");
        md.append("| model version | `").append(modelVersion).append("` |\n");
        md.append("| training data | ").append(trainingRange).append(" |\n");
        md.append("| validation | ").append(validationProtocol).append(" |\n");
        md.append("| members | ").append(String.join(", ", members)).append(" |\n");
        md.append("| trees | ").append(treeSettings).append(" |\n");
        md.append("| input | `features` float [N, ").append(featureNames.size()).append("] |\n");
        md.append("| output | `probabilities` float [N, 3] (home, draw, away) |\n\n");
        md.append("## Walk-forward results (same matches)\n\n");
        md.append(metricsTable(validationMetrics));
        md.append("\n## Ensemble by validation season\n\n");
        md.append(metricsTable(seasonMetrics));
        md.append("\n## Stacker\n\n`z_c = Σ_m w_m,c · log p_m,c + b_c`, `p = softmax(z)`\n\n");
        md.append("| member | w_home | w_draw | w_away |\n|---|---|---|---|\n");
        for (int m = 0; m < members.size(); m++) {
            double[] w = stacker.weights()[m];
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", members.get(m), w[0], w[1], w[2]));
        }
        double[] b = stacker.bias();
        md.append(String.format(Locale.ROOT, "| bias | %.4f | %.4f | %.4f |%n", b[0], b[1], b[2]));
        md.append("\n## Calibration of the ensemble (walk-forward)\n\n");
        md.append("| outcome | forecast bin | matches | mean forecast | observed |\n|---|---|---|---|---|\n");
        for (CalibrationTable.Bin bin : calibration) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f–%.1f | %d | %.3f | %.3f |%n", bin.outcome(), bin.lower(),
                    bin.upper(), bin.count(), bin.meanForecast(), bin.observedRate()));
        }
        md.append("\n## Features (input column order)\n\n");
        for (int j = 0; j < featureNames.size(); j++) {
            md.append(j).append(". `").append(featureNames.get(j)).append("`\n");
        }
        return md.toString();
    }

    private static String metricsTable(Map<String, ForecastMetrics.Summary> metrics) {
        StringBuilder table = new StringBuilder("| | matches | log-loss | RPS | Brier | accuracy |\n|---|---|---|---|---|---|\n");
        metrics.forEach((name, s) -> table.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f | %.3f |%n",
                name, s.matches(), s.logLoss(), s.rps(), s.brier(), s.accuracy())));
        return table.toString();
    }
}
