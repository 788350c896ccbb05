package com.sabiscore.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.backtest.ForecastMetrics;
import com.sabiscore.match.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelScoreboardTest {

    private final ModelScoreboard scoreboard = new ModelScoreboard();

    @Test
    void shouldScoreEachModelInEachRoleWithTheBacktestsFormulas() {
        // given two forecasts of each model, the challenger flat
        scoreboard.add("v1", ModelRole.CHAMPION, 0.6, 0.25, 0.15, Outcome.HOME);
        scoreboard.add("v1", ModelRole.CHAMPION, 0.5, 0.3, 0.2, Outcome.AWAY);
        scoreboard.add("v2", ModelRole.CHALLENGER, 1.0 / 3, 1.0 / 3, 1.0 / 3, Outcome.HOME);
        scoreboard.add("v2", ModelRole.CHALLENGER, 1.0 / 3, 1.0 / 3, 1.0 / 3, Outcome.AWAY);

        // then each one's summary is what the backtest computes for the same forecasts
        ForecastMetrics champion = new ForecastMetrics();
        champion.add(0.6, 0.25, 0.15, Outcome.HOME);
        champion.add(0.5, 0.3, 0.2, Outcome.AWAY);
        assertThat(scoreboard.summary("v1", ModelRole.CHAMPION)).contains(champion.summary());
        assertThat(scoreboard.summary("v2", ModelRole.CHALLENGER).orElseThrow().logLoss()).isEqualTo(Math.log(3));
        assertThat(scoreboard.summary("v2", ModelRole.CHAMPION)).isEmpty();
        assertThat(scoreboard.entries()).extracting(ModelScoreboard.Entry::key).containsExactly(
                new ModelScoreboard.Key("v1", ModelRole.CHAMPION), new ModelScoreboard.Key("v2", ModelRole.CHALLENGER));
    }

    @Test
    void shouldTellAListenerOfEveryKeyOnce() {
        scoreboard.add("v1", ModelRole.CHAMPION, 0.6, 0.25, 0.15, Outcome.HOME);
        List<ModelScoreboard.Key> heard = new ArrayList<>();

        scoreboard.onNewKey(heard::add);
        scoreboard.add("v1", ModelRole.CHAMPION, 0.6, 0.25, 0.15, Outcome.DRAW);
        scoreboard.add("v2", ModelRole.CHALLENGER, 0.4, 0.3, 0.3, Outcome.DRAW);
        scoreboard.add("v2", ModelRole.CHALLENGER, 0.4, 0.3, 0.3, Outcome.AWAY);

        assertThat(heard).containsExactly(new ModelScoreboard.Key("v1", ModelRole.CHAMPION),
                new ModelScoreboard.Key("v2", ModelRole.CHALLENGER));
    }
}
