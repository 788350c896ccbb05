package com.sabiscore.http;

import com.sabiscore.backtest.ForecastMetrics;
import com.sabiscore.serving.Lineup;
import com.sabiscore.serving.ModelRefusedException;
import com.sabiscore.serving.ModelRole;
import com.sabiscore.serving.ModelScoreboard;
import com.sabiscore.serving.ServedModel;
import com.sabiscore.serving.ServingModels;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;

/**
 * {@code GET /api/v1/models}: the champion and challenger this instance serves, each model's
 * running scores against the results this instance has applied, and the latest releases refused.
 * Answered on the event loop: it only reads what is in memory.
 */
public final class ModelRoutes {

    private final ServingModels models;

    public ModelRoutes(ServingModels models) {
        this.models = models;
    }

    public void register(RouteTable routes) {
        routes.inline(HttpMethod.GET, "/api/v1/models", request -> Answer.json(report()));
    }

    /**
     * @param challenger absent when none serves
     * @param scoreboard every model scored on this instance, in the role it forecast in
     * @param refused    the latest refusals, newest first
     */
    record ModelsReport(Served champion, Served challenger, List<Score> scoreboard, List<Refusal> refused) {
    }

    /** @param scores absent before the model's first result */
    record Served(String version, String source, Score scores) {
    }

    record Score(String modelVersion, String role, long results, double logLoss, double rps, double brier, double accuracy) {
    }

    record Refusal(String version, String reason, String message) {
    }

    private ModelsReport report() {
        Lineup lineup = models.lineup();
        ModelScoreboard scoreboard = models.scoreboard();
        List<Score> scores = scoreboard.entries().stream()
                .map(entry -> score(entry.key().modelVersion(), entry.key().role(), entry.summary()))
                .toList();
        List<Refusal> refused = models.refusals().stream().map(ModelRoutes::refusal).toList();
        return new ModelsReport(served(lineup.champion(), ModelRole.CHAMPION),
                lineup.challengerModel().map(model -> served(model, ModelRole.CHALLENGER)).orElse(null), scores, refused);
    }

    private Served served(ServedModel model, ModelRole role) {
        Score scores = models.scoreboard().summary(model.version(), role)
                .map(summary -> score(model.version(), role, summary)).orElse(null);
        return new Served(model.version(), model.source(), scores);
    }

    private static Score score(String version, ModelRole role, ForecastMetrics.Summary summary) {
        return new Score(version, role.wireName(), summary.matches(), summary.logLoss(), summary.rps(), summary.brier(),
                summary.accuracy());
    }

    private static Refusal refusal(ModelRefusedException refusal) {
        return new Refusal(refusal.version(), refusal.reason().wireName(), refusal.getMessage());
    }
}
