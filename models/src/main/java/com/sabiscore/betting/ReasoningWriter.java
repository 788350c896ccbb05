package com.sabiscore.betting;

import com.sabiscore.features.FixtureContext;
import com.sabiscore.market.MarketView;
import com.sabiscore.match.Outcome;

import java.util.Locale;

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
        text.append(ratings(context));
        String form = form(context);
        if (form != null) {
            text.append(' ').append(form);
        }
        text.append(' ').append(String.format(Locale.ROOT,
                "The goal model expects %.1f-%.1f, with %d-%d the most likely score.",
                context.expectedGoalsHome(), context.expectedGoalsAway(),
                context.grid().likelyHomeGoals(), context.grid().likelyAwayGoals()));
        if (context.market().present()) {
            text.append(' ').append(market(context, model));
        }
        text.append(' ').append(decision.reason());
        return text.toString();
    }

    private static String ratings(FixtureContext c) {
        double gap = c.eloHome() - c.eloAway();
        String venue = c.neutral() ? "on neutral ground"
                : String.format(Locale.ROOT, "with home advantage worth %.0f more to %s", c.homeAdvantage(), c.homeTeam());
        if (Math.abs(gap) < EVEN_GAP) {
            return String.format(Locale.ROOT, "%s and %s are evenly rated (%.0f and %.0f Elo), %s.",
                    c.homeTeam(), c.awayTeam(), c.eloHome(), c.eloAway(), venue);
        }
        String stronger = gap > 0 ? c.homeTeam() : c.awayTeam();
        String weaker = gap > 0 ? c.awayTeam() : c.homeTeam();
        return String.format(Locale.ROOT, "%s rate %.0f Elo points above %s, %s.", stronger, Math.abs(gap), weaker, venue);
    }

    private static String form(FixtureContext c) {
        if (c.formMatchesHome() >= FORM_MATCHES_TO_QUOTE && c.formMatchesAway() >= FORM_MATCHES_TO_QUOTE) {
            return String.format(Locale.ROOT, "%s took %d points from their last %d matches, %s %d from %d.",
                    c.homeTeam(), c.formPointsHome(), c.formMatchesHome(),
                    c.awayTeam(), c.formPointsAway(), c.formMatchesAway());
        }
        if (c.newEntrantHome() || c.newEntrantAway()) {
            String club = c.newEntrantHome() ? c.homeTeam() : c.awayTeam();
            return club + " are new to the division, so their ratings still lean on how promoted clubs usually fare.";
        }
        return null;
    }

    private static String market(FixtureContext c, MatchProbabilities model) {
        Outcome pick = model.favourite();
        MarketView market = c.market();
        String chance = String.format(Locale.ROOT, "a %.0f%% chance", 100 * model.of(pick));
        String subject = switch (pick) {
            case HOME -> c.homeTeam() + " " + chance + " of winning";
            case DRAW -> "the draw " + chance;
            case AWAY -> c.awayTeam() + " " + chance + " of winning";
        };
        double gap = model.of(pick) - market.probability(pick);
        String comparison = Math.abs(gap) < 0.02 ? "in line with" : gap > 0 ? "above" : "below";
        return String.format(Locale.ROOT, "The model gives %s, %s the market's %.0f%%.",
                subject, comparison, 100 * market.probability(pick));
    }
}
