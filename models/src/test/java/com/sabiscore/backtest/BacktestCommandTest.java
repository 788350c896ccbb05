package com.sabiscore.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sabiscore.cli.CommandFailures;
import com.sabiscore.data.RealHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The documented backtest: warm up on 1993-94..2018-19, evaluate 2019-20..2023-24 of the real
 * history with the committed walk-forward models (each season's pair trained only on the seasons
 * before it, so every evaluated match is unseen).
 */
class BacktestCommandTest {

    /** 2019-20: 380 + 306 + 279 (F1 abandoned) + 380 + 380; 2020-23: 1826 a season; 2023-24: 1752 (README). */
    private static final int EVALUATED_MATCHES = 1725 + 3 * 1826 + 1752;

    @TempDir
    static Path work;

    private static JsonNode report;
    private static List<String> predictions;
    private static String printed;

    @BeforeAll
    static void runTheBacktest() throws Exception {
        Path models = Path.of(System.getProperty("sabiscore.repo.root"), "models", "walk-forward");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = new CommandLine(new BacktestCommand(new PrintStream(out, true, StandardCharsets.UTF_8))).execute(
                "--data", RealHistory.football().toString(), "--history", "1993-2019", "--evaluate", "2019-2024",
                "--json", work.resolve("backtest.json").toString(),
                "--predictions", work.resolve("predictions.csv").toString(),
                "--plots", work.resolve("plots").toString(), "--models", models.toString());

        assertThat(exit).isZero();
        printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        report = new ObjectMapper().readTree(work.resolve("backtest.json").toFile());
        predictions = Files.readAllLines(work.resolve("predictions.csv"));
    }

    @Test
    void shouldRefuseToEvaluateASeasonItWarmsUpOn() {
        StringWriter errors = new StringWriter();
        CommandLine command = CommandFailures.install(new CommandLine(new BacktestCommand()));
        command.setErr(new PrintWriter(errors));

        int exit = command.execute("--history", "1993-2020", "--evaluate", "2019-2024", "--json", work.resolve("no.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString()).startsWith("backtest: --history 1993-94..2019-20 must end before --evaluate 2019-20..2023-24 starts")
                .hasLineCount(1);
        assertThat(work.resolve("no.json")).doesNotExist();
    }

    @Test
    void shouldPredictEveryEvaluatedMatchOnce() {
        assertThat(report.get("matches").asInt()).isEqualTo(EVALUATED_MATCHES);
        assertThat(predictions).hasSize(EVALUATED_MATCHES + 1);
        assertThat(predictions.get(0)).isEqualTo("fixture_id,home_win_prob,draw_prob,away_win_prob,head,model_version");
    }

    @Test
    void shouldMeetTheQualityBarAgainstTheMarketOnTheSameMatches() {
        JsonNode model = report.get("model");
        JsonNode market = report.get("market");
        JsonNode withoutOdds = report.get("model_without_odds");

        // one 2019-24 match has no sane average price; the market is scored on all the others
        assertThat(market.get("matches").asInt()).isBetween(EVALUATED_MATCHES - 5, EVALUATED_MATCHES);
        assertThat(model.get("log_loss").asDouble()).isLessThanOrEqualTo(0.9734);
        // the bar is the market's own 0.1963 (0.196325 unrounded): at least as good as the market
        assertThat(model.get("rps").asDouble()).isLessThanOrEqualTo(market.get("rps").asDouble());
        assertThat(model.get("log_loss").asDouble()).isLessThanOrEqualTo(market.get("log_loss").asDouble());
        // without odds: better than Elo and pi-ratings, the quality bar of 0.986 / 0.2005
        assertThat(withoutOdds.get("log_loss").asDouble()).isLessThanOrEqualTo(0.986);
        assertThat(withoutOdds.get("rps").asDouble()).isLessThanOrEqualTo(0.2005);
    }

    @Test
    void shouldBreakResultsDownByLeagueAndSettleBets() {
        JsonNode leagues = report.get("per_league");
        assertThat(leagues.fieldNames()).toIterable().containsExactly("D1", "E0", "F1", "I1", "SP1");
        int perLeagueTotal = 0;
        for (JsonNode league : leagues) {
            perLeagueTotal += league.get("matches").asInt();
        }
        assertThat(perLeagueTotal).isEqualTo(EVALUATED_MATCHES);
        JsonNode betting = report.get("betting");
        assertThat(betting.get("bets").asInt()).isPositive();
        assertThat(betting.get("roi").asDouble()).isEqualTo(
                betting.get("profit").asDouble() / betting.get("staked").asDouble(), org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void shouldUseTheWithOddsHeadWheneverAFixtureHasOddsAndDrawPlots() {
        long withOdds = predictions.stream().skip(1).filter(line -> line.contains(",with_odds,")).count();
        long withoutOdds = predictions.stream().skip(1).filter(line -> line.contains(",without_odds,")).count();
        assertThat(withOdds).isBetween((long) EVALUATED_MATCHES - 5, (long) EVALUATED_MATCHES);
        assertThat(withOdds + withoutOdds).isEqualTo(EVALUATED_MATCHES);
        assertThat(work.resolve("plots").resolve(BacktestPlots.RELIABILITY_FILE)).isNotEmptyFile();
        assertThat(work.resolve("plots").resolve(BacktestPlots.PROFIT_FILE)).isNotEmptyFile();
        assertThat(printed).contains("model_without_odds").contains("betting:");
    }
}
