package com.sabiscore.betting;

import com.sabiscore.match.Outcome;

/** A model's 1X2 probabilities. */
public record MatchProbabilities(double home, double draw, double away) {

    public MatchProbabilities {
        if (!(home >= 0 && draw >= 0 && away >= 0) || Math.abs(home + draw + away - 1.0) > 1e-3) {
            throw new IllegalArgumentException("not a probability distribution: " + home + "/" + draw + "/" + away);
        }
    }

    /** From a scorer's output in home, draw, away order. */
    public static MatchProbabilities of(float[] homeDrawAway) {
        return new MatchProbabilities(homeDrawAway[0], homeDrawAway[1], homeDrawAway[2]);
    }

    public double of(Outcome outcome) {
        return switch (outcome) {
            case HOME -> home;
            case DRAW -> draw;
            case AWAY -> away;
        };
    }

    /** The most likely outcome (home before draw before away on ties). */
    public Outcome favourite() {
        Outcome best = Outcome.HOME;
        for (Outcome outcome : Outcome.values()) {
            if (of(outcome) > of(best)) {
                best = outcome;
            }
        }
        return best;
    }

    /** Probability of the favourite minus that of the second most likely outcome. */
    public double margin() {
        double top = Math.max(home, Math.max(draw, away));
        double bottom = Math.min(home, Math.min(draw, away));
        double second = home + draw + away - top - bottom;
        return top - second;
    }
}
