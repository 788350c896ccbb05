package com.sabiscore.prediction;

import java.util.List;

/**
 * Everything SabiScore says about one fixture before kick-off. Every consumer (backtest, stream,
 * HTTP) gets this same record from {@link FixturePredictor}.
 *
 * @param fixtureId      the fixture id string, {@code {Div}:{yyyy-MM-dd}:{Home}:{Away}}
 * @param homeWinProb    ensemble probability of a home win
 * @param drawProb       ensemble probability of a draw
 * @param awayWinProb    ensemble probability of an away win
 * @param over25Prob     probability of three goals or more, from the engine's Dixon-Coles score grid
 * @param bttsProb       probability that both teams score, from the same grid
 * @param recommendedBet the bet's wire name ({@code home_win}, {@code draw}, {@code away_win}, {@code no_bet})
 * @param stake          fraction of the bankroll to stake, 0 for no bet
 * @param confidence     confidence wire name
 * @param reasoning      short sentences explaining the forecast and the bet
 * @param modelVersion   version of the ONNX head that scored the fixture
 * @param head           {@code with_odds} or {@code without_odds}
 * @param featureHash    {@code FeatureVector.hash()} of the input, to trace a prediction to its features
 */
public record FixturePrediction(
        String fixtureId,
        double homeWinProb,
        double drawProb,
        double awayWinProb,
        double over25Prob,
        double bttsProb,
        String recommendedBet,
        double stake,
        String confidence,
        List<String> reasoning,
        String modelVersion,
        String head,
        long featureHash) {

    public FixturePrediction {
        reasoning = List.copyOf(reasoning);
    }
}
