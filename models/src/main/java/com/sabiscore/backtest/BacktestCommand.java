package com.sabiscore.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sabiscore.betting.Bet;
import com.sabiscore.cli.CommandFailures;
import com.sabiscore.cli.SeasonRangeConverter;
import com.sabiscore.data.DataLocation.DataNotFoundException;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.data.download.DataOptions;
import com.sabiscore.features.InMemoryTeamStates;
import com.sabiscore.market.Devig;
import com.sabiscore.market.MarketView;
import com.sabiscore.match.BookPrice;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;
import com.sabiscore.match.Outcome;
import com.sabiscore.prediction.FixturePrediction;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.scoring.FixtureScorer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Walk-forward backtest through {@link FixturePredictor}, the same code path the stream serves:
 * warm the engine on the {@code --history} seasons, then for every match of the {@code --evaluate}
 * seasons in kick-off order predict from the pre-match state (with-odds head when there are odds)
 * and only then apply its result. Scores the model, the without-odds head on the same matches and
 * the market average (power de-vigged), and settles the recommended bets at the best available price.
 *
 * <p>Usage: {@code backtest [--data DIR] [--history 1993-2019] [--evaluate 2019-2024] --json FILE
 * [--predictions FILE] [--plots DIR] [--models DIR]}; the evaluated seasons must come after the
 * warm-up ones. Without data on the machine it downloads the history first (see {@link DataOptions}).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Walk-forward backtest of the predictor: warm up on the --history seasons, predict each match of the --evaluate seasons before applying it.")
public final class BacktestCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--history", defaultValue = "1993-2019", converter = SeasonRangeConverter.class,
            description = "seasons that only warm the ratings up; 1993-2019 means 1993-94..2018-19 (default: ${DEFAULT-VALUE})")
    SeasonRange history;

    @Option(names = "--evaluate", defaultValue = "2019-2024", converter = SeasonRangeConverter.class,
            description = "seasons to predict and score, after the --history ones (default: ${DEFAULT-VALUE})")
    SeasonRange evaluate;

    @Option(names = "--json", required = true, description = "where to write the metrics JSON")
    Path json;

    @Option(names = "--predictions", description = "optional CSV of every prediction")
    Path predictions;

    @Option(names = "--plots", description = "optional folder for reliability.png and cumulative-profit.png")
    Path plots;

    @Option(names = "--models", description = "folder holding " + FixtureScorer.WITH_ODDS_MODEL + " and "
            + FixtureScorer.WITHOUT_ODDS_MODEL + ", or one such folder per evaluated season named like 2019-20 "
            + "(train --save-walk-forward writes them) so each season is forecast by a model that never saw it "
            + "(default: the models packaged on the classpath)")
    Path models;

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    public BacktestCommand() {
        this(System.out);
    }

    BacktestCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (history.lastStartYear() >= evaluate.firstStartYear()) {
            throw new ParameterException(spec.commandLine(), "--history " + history + " must end before --evaluate "
                    + evaluate + " starts: a season cannot both warm the ratings up and be forecast");
        }
        long started = System.nanoTime();
        Path data = dataOptions.football(spec.commandLine().getErr());
        List<HistoricalMatch> warmUp = HistoryLoader.load(data, Set.of(), history);
        List<HistoricalMatch> evaluated = HistoryLoader.load(data, Set.of(), evaluate);
        if (evaluated.isEmpty()) {
            throw new DataNotFoundException("No match of " + evaluate + " in " + data
                    + ": choose --evaluate seasons the data holds, or run `bin/sabiscore download`");
        }
        try (SeasonModels predictors = SeasonModels.open(models, evaluated)) {
            InMemoryTeamStates states = new InMemoryTeamStates();
            for (HistoricalMatch match : warmUp) {
                states.apply(predictors.engine(), match.result());
            }
            out.printf(Locale.ROOT, "warmed up on %d matches; evaluating %d matches with %s%n", warmUp.size(),
                    evaluated.size(), predictors.describe());
            BacktestResult result = walk(predictors, states, evaluated);
            write(result);
            out.print(result.table());
            out.printf(Locale.ROOT, "backtest took %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }

    private BacktestResult walk(SeasonModels predictors, InMemoryTeamStates states, List<HistoricalMatch> matches)
            throws IOException {
        BacktestResult result = new BacktestResult();
        BufferedWriter csv = predictions == null ? null : Files.newBufferedWriter(createParent(predictions));
        try {
            if (csv != null) {
                csv.write("fixture_id,home_win_prob,draw_prob,away_win_prob,head,model_version\n");
            }
            for (MatchTimeline.Event event : MatchTimeline.of(matches, Duration.ZERO)) {
                HistoricalMatch match = event.match();
                if (event.kind() == MatchTimeline.Kind.RESULT) {
                    states.apply(predictors.engine(), match.result());
                    continue;
                }
                Fixture fixture = match.fixture();
                FixturePredictor predictor = predictors.forSeason(fixture.season());
                FixturePrediction prediction = predictor.predict(states, fixture);
                FixturePrediction withoutOdds = prediction.head().equals(FixtureScorer.Head.WITHOUT_ODDS.wireName())
                        ? prediction : predictor.predict(states, fixture, FixtureScorer.Head.WITHOUT_ODDS);
                result.add(match, prediction, withoutOdds);
                if (csv != null) {
                    // full precision: the stream's predictions are checked against these to the last bit
                    csv.write(prediction.fixtureId() + "," + prediction.homeWinProb() + "," + prediction.drawProb() + ","
                            + prediction.awayWinProb() + "," + prediction.head() + "," + prediction.modelVersion() + "\n");
                }
            }
        } finally {
            if (csv != null) {
                csv.close();
            }
        }
        return result;
    }

    private void write(BacktestResult result) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(createParent(json), mapper.writeValueAsString(result.toJson(mapper)) + "\n");
        if (plots != null) {
            BacktestPlots.write(plots, result.calibration, result.cumulativeProfit());
        }
    }

    private static Path createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return file;
    }

    /** Market baseline: the average price (BbAv before 2019-20) de-vigged with the power method. */
    static double[] marketAverage(Fixture fixture) {
        BookPrice average = fixture.odds().average();
        if (average == null || !average.isSane()) {
            return null;
        }
        return Devig.POWER.fromPrices(average.home(), average.draw(), average.away());
    }

    /** Scores and bets, overall and per league. */
    static final class BacktestResult {
        private final Scores overall = new Scores();
        private final Map<String, Scores> perLeague = new TreeMap<>();
        private final CalibrationTable calibration = new CalibrationTable(10);
        private final List<Double> profits = new ArrayList<>();
        private long bets;
        private double staked;
        private double profit;

        void add(HistoricalMatch match, FixturePrediction prediction, FixturePrediction withoutOdds) {
            Outcome outcome = match.result().outcome();
            double[] model = {prediction.homeWinProb(), prediction.drawProb(), prediction.awayWinProb()};
            double[] plain = {withoutOdds.homeWinProb(), withoutOdds.drawProb(), withoutOdds.awayWinProb()};
            double[] market = marketAverage(match.fixture());
            overall.add(model, plain, market, outcome);
            perLeague.computeIfAbsent(match.fixture().competition(), k -> new Scores()).add(model, plain, market, outcome);
            calibration.add(model, outcome);
            settle(match, prediction, outcome);
        }

        private void settle(HistoricalMatch match, FixturePrediction prediction, Outcome outcome) {
            Bet bet = Bet.fromWireName(prediction.recommendedBet());
            if (bet.outcome().isEmpty() || prediction.stake() <= 0) {
                return;
            }
            MarketView market = MarketView.of(match.fixture().odds(), Devig.POWER);
            if (!market.present()) {
                // a blind bet without any price cannot be settled
                return;
            }
            double price = market.best(bet.outcome().get());
            double result = bet.outcome().get() == outcome ? prediction.stake() * (price - 1) : -prediction.stake();
            bets++;
            staked += prediction.stake();
            profit += result;
            profits.add(profit);
        }

        double[] cumulativeProfit() {
            return profits.stream().mapToDouble(Double::doubleValue).toArray();
        }

        ObjectNode toJson(ObjectMapper mapper) {
            ObjectNode root = mapper.createObjectNode();
            root.put("matches", overall.model.summary().matches());
            overall.writeTo(root);
            ObjectNode betting = root.putObject("betting");
            betting.put("bets", bets);
            betting.put("staked", round(staked));
            betting.put("profit", round(profit));
            betting.put("roi", staked == 0 ? 0.0 : round(profit / staked));
            ObjectNode leagues = root.putObject("per_league");
            perLeague.forEach((league, scores) -> {
                ObjectNode node = leagues.putObject(league);
                node.put("matches", scores.model.summary().matches());
                scores.writeTo(node);
            });
            return root;
        }

        String table() {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "%-10s %-20s %7s %8s %7s %7s %8s%n", "league", "forecast", "matches",
                    "logloss", "RPS", "Brier", "accuracy"));
            overall.appendRows(text, "ALL");
            perLeague.forEach((league, scores) -> scores.appendRows(text, league));
            text.append(String.format(Locale.ROOT, "betting: %d bets, staked %.2f, profit %+.2f, ROI %+.2f%%%n", bets,
                    staked, profit, staked == 0 ? 0.0 : 100 * profit / staked));
            return text.toString();
        }
    }

    /** Model, without-odds head and market metrics over one set of matches. */
    static final class Scores {
        final ForecastMetrics model = new ForecastMetrics();
        final ForecastMetrics withoutOdds = new ForecastMetrics();
        final ForecastMetrics market = new ForecastMetrics();

        void add(double[] modelForecast, double[] plainForecast, double[] marketForecast, Outcome outcome) {
            model.add(modelForecast, outcome);
            withoutOdds.add(plainForecast, outcome);
            if (marketForecast != null) {
                market.add(marketForecast, outcome);
            }
        }

        void writeTo(ObjectNode node) {
            put(node.putObject("model"), model.summary());
            put(node.putObject("model_without_odds"), withoutOdds.summary());
            put(node.putObject("market"), market.summary());
        }

        private static void put(ObjectNode node, ForecastMetrics.Summary summary) {
            node.put("matches", summary.matches());
            if (summary.matches() == 0) {
                // JSON has no NaN: a forecast with nothing to score has no metrics
                return;
            }
            node.put("log_loss", round(summary.logLoss()));
            node.put("rps", round(summary.rps()));
            node.put("brier", round(summary.brier()));
            node.put("accuracy", round(summary.accuracy()));
        }

        void appendRows(StringBuilder text, String league) {
            row(text, league, "model", model.summary());
            row(text, "", "model_without_odds", withoutOdds.summary());
            row(text, "", "market (avg, power)", market.summary());
        }

        private static void row(StringBuilder text, String league, String name, ForecastMetrics.Summary s) {
            text.append(String.format(Locale.ROOT, "%-10s %-20s %7d %8.4f %7.4f %7.4f %8.3f%n", league, name, s.matches(),
                    s.logLoss(), s.rps(), s.brier(), s.accuracy()));
        }
    }

    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 1e6) / 1e6;
    }

    public static void main(String[] args) {
        System.exit(CommandFailures.install(new CommandLine(new BacktestCommand())).execute(args));
    }
}
