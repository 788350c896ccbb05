package com.sabiscore.betting;

import com.sabiscore.features.FixtureContext;
import com.sabiscore.market.MarketView;
import com.sabiscore.match.Outcome;

/**
 * Explains a prediction in two to five short sentences built from the fixture's own numbers:
 * the ratings gap, recent form (or a promoted club's thin record), the expected goals, how the
 * model compares with the market, and the bet or why there is none.
 */
public final class ReasoningWriter {

    /** Rating gaps below this many Elo points read as "evenly matched". */
    private static final double EVEN_GAP = 25.0;
    /** Form is worth quoting once both clubs have this many recent matches. */
    private static final int FORM_MATCHES_TO_QUOTE = 3;

    public String write(FixtureContext context, MatchProbabilities model, BetDecision decision) {
        StringBuilder text = new StringBuilder(400);
        ratings(text, context);
        form(text, context);
        text.append(" The goal model expects ");
        FixedPoint.append(text, context.expectedGoalsHome(), 1).append('-');
        FixedPoint.append(text, context.expectedGoalsAway(), 1).append(", with ")
                .append(context.grid().likelyHomeGoals()).append('-').append(context.grid().likelyAwayGoals())
                .append(" the most likely score.");
        if (context.market().present()) {
            market(text, context, model);
        }
        return text.append(' ').append(decision.reason()).toString();
    }

    private static void ratings(StringBuilder text, FixtureContext c) {
        double gap = c.eloHome() - c.eloAway();
        if (Math.abs(gap) < EVEN_GAP) {
            text.append(c.homeTeam()).append(" and ").append(c.awayTeam()).append(" are evenly rated (");
            FixedPoint.append(text, c.eloHome(), 0).append(" and ");
            FixedPoint.append(text, c.eloAway(), 0).append(" Elo), ");
        } else {
            text.append(gap > 0 ? c.homeTeam() : c.awayTeam()).append(" rate ");
            FixedPoint.append(text, Math.abs(gap), 0).append(" Elo points above ")
                    .append(gap > 0 ? c.awayTeam() : c.homeTeam()).append(", ");
        }
        if (c.neutral()) {
            text.append("on neutral ground.");
        } else {
            text.append("with home advantage worth ");
            FixedPoint.append(text, c.homeAdvantage(), 0).append(" more to ").append(c.homeTeam()).append('.');
        }
    }

    private static void form(StringBuilder text, FixtureContext c) {
        if (c.formMatchesHome() >= FORM_MATCHES_TO_QUOTE && c.formMatchesAway() >= FORM_MATCHES_TO_QUOTE) {
            text.append(' ').append(c.homeTeam()).append(" took ").append(c.formPointsHome())
                    .append(" points from their last ").append(c.formMatchesHome()).append(" matches, ")
                    .append(c.awayTeam()).append(' ').append(c.formPointsAway()).append(" from ")
                    .append(c.formMatchesAway()).append('.');
        } else if (c.newEntrantHome() || c.newEntrantAway()) {
            text.append(' ').append(c.newEntrantHome() ? c.homeTeam() : c.awayTeam())
                    .append(" are new to the division, so their ratings still lean on how promoted clubs usually fare.");
        }
    }

    private static void market(StringBuilder text, FixtureContext c, MatchProbabilities model) {
        Outcome pick = model.favourite();
        MarketView market = c.market();
        text.append(" The model gives ");
        switch (pick) {
            case HOME -> text.append(c.homeTeam()).append(' ');
            case DRAW -> text.append("the draw ");
            case AWAY -> text.append(c.awayTeam()).append(' ');
        }
        text.append("a ");
        FixedPoint.append(text, 100 * model.of(pick), 0).append("% chance");
        if (pick != Outcome.DRAW) {
            text.append(" of winning");
        }
        double gap = model.of(pick) - market.probability(pick);
        text.append(", ").append(Math.abs(gap) < 0.02 ? "in line with" : gap > 0 ? "above" : "below").append(" the market's ");
        FixedPoint.append(text, 100 * market.probability(pick), 0).append("%.");
    }
}
