package com.sabiscore.training;

import com.sabiscore.backtest.CalibrationTable;
import com.sabiscore.backtest.ForecastMetrics;
import com.sabiscore.cli.CommandFailures;
import com.sabiscore.data.DataLocation.DataNotFoundException;
import com.sabiscore.data.FootballDataReader;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.data.download.DataOptions;
import com.sabiscore.features.FeatureEngine;
import com.sabiscore.market.Devig;
import com.sabiscore.match.BookPrice;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.onnx.EnsembleOnnxExporter;
import com.sabiscore.onnx.ModelMetadata;
import com.sabiscore.scoring.FixtureScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Trains both ensemble heads from the football-data history and writes them as ONNX with their
 * model cards. Reproducible: fixed seeds, two threads, chronological data.
 *
 * <p>Run from the repository root: {@code bin/sabiscore train} (or this class's {@code main}),
 * options {@code --data DIR --out models --last-season 2023-24}. Without data on the machine it
 * downloads the history first (see {@link DataOptions}). The launcher's {@code train} extends it
 * to publish the result ({@link #trained}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the with-odds and without-odds ensemble heads and write models/*.onnx plus model cards.")
public class TrainCommand implements Callable<Integer> {

    /** The first season only warms the ratings up: its features start from nothing. */
    static final String BURN_IN_SEASON = "1993-94";

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", description = "where the .onnx files and model cards go (default: the repository's models/ folder)")
    Path out;

    @Option(names = "--last-season", description = "last training season, e.g. 2023-24 (default: the latest season in the data)")
    String lastSeason;

    @Option(names = "--validate", defaultValue = "2019-2024",
            description = "walk-forward validation seasons (2019-2024 = 2019-20..2023-24), each forecast by a model trained on earlier seasons (default: ${DEFAULT-VALUE}); seasons after --last-season are skipped")
    String validate;

    @Option(names = "--save-walk-forward", description = "also write each walk-forward season's models to DIR/<season>/ "
            + "(trained only on earlier seasons), for an out-of-sample backtest with backtest --models DIR")
    Path walkForwardOut;

    @Option(names = "--model-version", description = "version stamped into the models (default: ensemble-v2-<last season>)")
    String modelVersion;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path root = dataOptions.football(spec.commandLine().getErr());
        if (lastSeason == null) {
            lastSeason = latestSeason(root);
        } else {
            checkSeasonLabel(lastSeason);
        }
        String version = modelVersion != null ? modelVersion : "ensemble-v2-" + lastSeason;
        SeasonRange seasons = new SeasonRange(SeasonRange.startYear(BURN_IN_SEASON), SeasonRange.startYear(lastSeason));
        long started = System.nanoTime();
        List<HistoricalMatch> matches = HistoryLoader.load(root, Set.of(), seasons);
        if (matches.isEmpty()) {
            throw new DataNotFoundException("No match of " + seasons + " in " + root
                    + ": choose a --last-season the data holds, or run `bin/sabiscore download`");
        }
        progress("loaded %d matches %s from %s", matches.size(), seasons, root);

        FeatureEngine engine = FeatureEngine.withDefaults();
        List<FixtureHistory.FeaturedMatch> history = FixtureHistory.replay(engine, matches);
        progress("built features for %d fixtures (%.1f s)", history.size(), seconds(started));

        List<String> validation = SeasonRange.parse(validate).startYears().stream()
                .filter(y -> y <= SeasonRange.startYear(lastSeason)).map(SeasonRange::label).toList();
        if (out == null) {
            String repoRoot = System.getProperty("sabiscore.repo.root");
            out = repoRoot == null ? Path.of("models") : Path.of(repoRoot, "models");
        }
        Files.createDirectories(out);
        for (HeadPlan plan : HeadPlan.both(engine)) {
            trainHead(plan, history, validation, version);
        }
        progress("done in %.1f s", seconds(started));
        trained(out, version);
        return 0;
    }

    /**
     * Called once both heads and their model cards are in {@code folder}, stamped {@code version}:
     * where a command that also publishes what it trained takes over.
     */
    protected void trained(Path folder, String version) throws IOException {
    }

    private void checkSeasonLabel(String season) {
        try {
            SeasonRange.startYear(season);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--last-season: " + e.getMessage());
        }
    }

    /** The last season of any league in the folder: training uses all the history there is. */
    private static String latestSeason(Path root) throws IOException {
        return HistoryLoader.seasonFiles(root, Set.of(), SeasonRange.all()).stream()
                .map(FootballDataReader::seasonOf)
                .max(Comparator.comparingInt(SeasonRange::startYear))
                .orElseThrow(() -> new DataNotFoundException("No <Div>/<season>.csv file in " + root
                        + ": pass --data DIR with football-data files, or run `bin/sabiscore download`"));
    }

    private void trainHead(HeadPlan plan, List<FixtureHistory.FeaturedMatch> history, List<String> validation,
                           String version) throws IOException {
        List<FixtureHistory.FeaturedMatch> usable = history.stream()
                .filter(m -> !m.match().fixture().season().equals(BURN_IN_SEASON))
                .filter(plan.rowFilter())
                .toList();
        TrainingSet data = plan.trainingSet(usable);
        progress("[%s] %d training rows, %d features, seasons %s..%s", plan.head().wireName(), data.size(),
                data.featureNames().size(), data.seasonLabels().get(0), lastSeason);

        Map<String, ForecastMetrics.Summary> validationMetrics = new LinkedHashMap<>();
        Map<String, ForecastMetrics.Summary> seasonMetrics = new LinkedHashMap<>();
        CalibrationTable calibration = new CalibrationTable(10);
        String protocol = "none (no validation season within the training range)";
        if (!validation.isEmpty()) {
            WalkForward.Result result = new WalkForward(plan.recipe()).run(data, validation, (season, model) -> {
                if (walkForwardOut != null) {
                    String previous = data.seasonLabels().get(data.seasonLabels().indexOf(season) - 1);
                    Path folder = Files.createDirectories(walkForwardOut.resolve(season));
                    writeModel(folder.resolve(plan.file()), model, version + "-wf-" + season, plan,
                            data.seasonLabels().get(0) + ".." + previous, "{}");
                }
            });
            ValidationReport report = ValidationReport.of(result, usable, data);
            validationMetrics.putAll(report.metrics());
            seasonMetrics.putAll(report.seasons());
            report.calibrate(calibration);
            protocol = "expanding window: each of " + validation.get(0) + ".." + validation.get(validation.size() - 1)
                    + " forecast by a model trained only on earlier seasons; metrics on the "
                    + report.matches() + " matches with a market average price";
            validationMetrics.forEach((name, s) -> progress("[%s] walk-forward %-8s log-loss %.4f  RPS %.4f  Brier %.4f  acc %.3f",
                    plan.head().wireName(), name, s.logLoss(), s.rps(), s.brier(), s.accuracy()));
        }

        long started = System.nanoTime();
        TrainedEnsemble ensemble = new EnsembleTrainer(plan.recipe()).train(data);
        progress("[%s] final model trained on %d rows (%.1f s)", plan.head().wireName(), data.size(), seconds(started));
        String trainingRange = data.seasonLabels().get(0) + ".." + lastSeason;
        ModelCard card = new ModelCard(plan.file(), plan.head().wireName(), version, trainingRange, protocol,
                data.featureNames(), ensemble.memberNames(), ensemble.stacker(), plan.recipe().trees().toString(),
                validationMetrics, seasonMetrics, calibration.bins());
        writeModel(out.resolve(plan.file()), ensemble, version, plan, trainingRange, card.metricsJson());
        String stem = plan.file().replace(".onnx", "");
        Files.writeString(out.resolve(stem + ".model-card.md"), card.toMarkdown());
        Files.writeString(out.resolve(stem + ".model-card.json"), card.toJson());
        ensemble.trees().booster().dispose();
        progress("[%s] wrote %s and its model card", plan.head().wireName(), out.resolve(plan.file()));
    }

    private static void writeModel(Path file, TrainedEnsemble ensemble, String version, HeadPlan plan,
                                   String trainingRange, String metricsJson) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(ModelMetadata.MODEL_VERSION, version);
        metadata.put(ModelMetadata.HEAD, plan.head().wireName());
        metadata.put(ModelMetadata.TRAINING_RANGE, trainingRange);
        metadata.put(ModelMetadata.METRICS, metricsJson);
        Files.write(file, EnsembleOnnxExporter.export(ensemble.toDefinition(metadata)));
    }

    /** Market baseline: the average price (BbAv before 2019-20) de-vigged with the power method. */
    static double[] marketAverage(HistoricalMatch match) {
        BookPrice average = match.fixture().odds().average();
        if (average == null) {
            return null;
        }
        return Devig.POWER.fromPrices(average.home(), average.draw(), average.away());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void progress(String format, Object... args) {
        System.out.printf(java.util.Locale.ROOT, format + "%n", args);
    }

    /** How one head is trained: which rows, which features, which members. */
    record HeadPlan(FixtureScorer.Head head, String file, List<String> featureNames,
                    Predicate<FixtureHistory.FeaturedMatch> rowFilter, EnsembleRecipe recipe) {

        static List<HeadPlan> both(FeatureEngine engine) {
            return List.of(
                    new HeadPlan(FixtureScorer.Head.WITH_ODDS, FixtureScorer.WITH_ODDS_MODEL, engine.featureNames(true),
                            m -> m.features().hasOdds(), Recipes.withOdds()),
                    new HeadPlan(FixtureScorer.Head.WITHOUT_ODDS, FixtureScorer.WITHOUT_ODDS_MODEL, engine.featureNames(false),
                            m -> true, Recipes.withoutOdds()));
        }

        TrainingSet trainingSet(List<FixtureHistory.FeaturedMatch> rows) {
            boolean withOdds = head == FixtureScorer.Head.WITH_ODDS;
            float[][] features = new float[rows.size()][];
            int[] outcomes = new int[rows.size()];
            String[] seasons = new String[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                FixtureHistory.FeaturedMatch row = rows.get(i);
                features[i] = withOdds ? row.features().withOdds() : row.features().withoutOdds();
                outcomes[i] = row.match().result().outcome().ordinal();
                seasons[i] = row.match().fixture().season();
            }
            return new TrainingSet(featureNames, features, outcomes, seasons);
        }
    }

    /** Walk-forward metrics of the members, the ensemble and the baselines on the same matches. */
    record ValidationReport(Map<String, ForecastMetrics.Summary> metrics, Map<String, ForecastMetrics.Summary> seasons,
                            long matches, List<double[]> ensembleForecasts, List<Integer> outcomes) {

        static ValidationReport of(WalkForward.Result result, List<FixtureHistory.FeaturedMatch> rows, TrainingSet data) {
            Map<String, ForecastMetrics> metrics = new LinkedHashMap<>();
            Map<String, ForecastMetrics> seasons = new LinkedHashMap<>();
            List<double[]> forecasts = new ArrayList<>();
            List<Integer> outcomes = new ArrayList<>();
            double[][] elo = EloBaseline.walkForward(data, result);
            for (int k = 0; k < result.rowIndices().length; k++) {
                HistoricalMatch match = rows.get(result.rowIndices()[k]).match();
                double[] market = marketAverage(match);
                if (market == null) {
                    continue;
                }
                var outcome = match.result().outcome();
                metrics.computeIfAbsent("ensemble", n -> new ForecastMetrics()).add(result.ensemble()[k], outcome);
                for (Map.Entry<String, double[][]> member : result.members().entrySet()) {
                    metrics.computeIfAbsent(member.getKey(), n -> new ForecastMetrics()).add(member.getValue()[k], outcome);
                }
                metrics.computeIfAbsent("market_avg", n -> new ForecastMetrics()).add(market, outcome);
                metrics.computeIfAbsent("elo", n -> new ForecastMetrics()).add(elo[k], outcome);
                seasons.computeIfAbsent(result.seasons()[k], n -> new ForecastMetrics()).add(result.ensemble()[k], outcome);
                forecasts.add(result.ensemble()[k]);
                outcomes.add(outcome.ordinal());
            }
            Map<String, ForecastMetrics.Summary> metricSummaries = new LinkedHashMap<>();
            metrics.forEach((name, m) -> metricSummaries.put(name, m.summary()));
            Map<String, ForecastMetrics.Summary> seasonSummaries = new LinkedHashMap<>();
            seasons.forEach((name, m) -> seasonSummaries.put(name, m.summary()));
            return new ValidationReport(metricSummaries, seasonSummaries, forecasts.size(), forecasts, outcomes);
        }

        void calibrate(CalibrationTable table) {
            for (int i = 0; i < ensembleForecasts.size(); i++) {
                table.add(ensembleForecasts.get(i), com.sabiscore.match.Outcome.values()[outcomes.get(i)]);
            }
        }
    }

    public static void main(String[] args) {
        System.exit(CommandFailures.install(new CommandLine(new TrainCommand())).execute(args));
    }
}
