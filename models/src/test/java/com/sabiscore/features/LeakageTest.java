package com.sabiscore.features;

import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchBuilder;
import com.sabiscore.match.MatchStats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fixture's features may depend only on results played before it. Over random histories
 * (seeded, so a failure is reproducible): features taken in a live replay, just before each
 * result is applied and after peeking at later fixtures, equal features recomputed from a fresh
 * state that replayed only the earlier results; and results of another competition, interleaved
 * in any order, change nothing. Results carry their match's pre-match prices, so the market
 * ratings (learned from those prices after each match) are covered too.
 */
class LeakageTest {

    private static final String[] CLUBS = {"Arsenal", "Chelsea", "Leeds", "Everton", "Fulham", "Burnley", "Wolves"};

    private final FeatureEngine engine = FeatureEngine.withDefaults();

    @ParameterizedTest(name = "history seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void featuresDependOnlyOnEarlierResults(long seed) {
        Random random = new Random(seed);
        List<HistoricalMatch> history = randomHistory(random, "E0");
        assertThat(history).anyMatch(m -> m.result().preMatchPrices() != null);

        InMemoryTeamStates live = new InMemoryTeamStates();
        List<FeatureVector> liveFeatures = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            // asking about later fixtures first must not disturb anything
            HistoricalMatch later = history.get(i + random.nextInt(history.size() - i));
            live.features(engine, later.fixture());
            liveFeatures.add(live.features(engine, history.get(i).fixture()));
            live.apply(engine, history.get(i).result());
        }

        for (int check = 0; check < 12; check++) {
            int i = random.nextInt(history.size());
            InMemoryTeamStates replay = new InMemoryTeamStates();
            for (HistoricalMatch earlier : history.subList(0, i)) {
                replay.apply(engine, earlier.result());
            }
            FeatureVector recomputed = replay.features(engine, history.get(i).fixture());

            assertThat(recomputed).as("fixture %d of %d", i, history.size()).isEqualTo(liveFeatures.get(i));
            assertThat(recomputed.hash()).isEqualTo(liveFeatures.get(i).hash());
            assertThat(recomputed.context()).isEqualTo(liveFeatures.get(i).context());
        }
    }

    @ParameterizedTest(name = "interleaving seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void anotherCompetitionsResultsInAnyOrderChangeNothing(long seed) {
        Random random = new Random(seed);
        List<HistoricalMatch> england = randomHistory(random, "E0");
        List<HistoricalMatch> germany = randomHistory(random, "D1");

        InMemoryTeamStates alone = new InMemoryTeamStates();
        InMemoryTeamStates interleaved = new InMemoryTeamStates();
        int nextGerman = 0;
        for (HistoricalMatch match : england) {
            // a random number of German results, in order, before each English one
            int burst = random.nextInt(4);
            for (int k = 0; k < burst && nextGerman < germany.size(); k++) {
                interleaved.apply(engine, germany.get(nextGerman++).result());
            }
            assertThat(interleaved.features(engine, match.fixture()))
                    .isEqualTo(alone.features(engine, match.fixture()));
            alone.apply(engine, match.result());
            interleaved.apply(engine, match.result());
        }
    }

    /** Two to three seasons of a small league with random scores, odds, shots and neutral venues. */
    private static List<HistoricalMatch> randomHistory(Random random, String competition) {
        List<HistoricalMatch> matches = new ArrayList<>();
        int seasons = 2 + random.nextInt(2);
        for (int s = 0; s < seasons; s++) {
            int year = 2020 + s;
            // one club sits out a season now and then, so promotion and return paths are exercised
            String absent = CLUBS[random.nextInt(CLUBS.length)];
            for (String home : CLUBS) {
                for (String away : CLUBS) {
                    if (home.equals(away) || home.equals(absent) || away.equals(absent)) {
                        continue;
                    }
                    LocalDate day = LocalDate.of(year, 8, 1).plusDays(random.nextInt(270));
                    MatchBuilder match = aMatch().competition(competition).home(home).away(away).on(day)
                            .neutral(random.nextInt(20) == 0)
                            .score(random.nextInt(5), random.nextInt(4))
                            .stats(new MatchStats(null, null, random.nextInt(10), random.nextInt(8),
                                    null, null, null, null));
                    if (random.nextBoolean()) {
                        match.odds(1.5 + random.nextDouble() * 3, 3.0 + random.nextDouble(), 2.0 + random.nextDouble() * 4)
                                .book("B365", 1.6 + random.nextDouble() * 3, 3.2, 2.4 + random.nextDouble() * 3);
                    }
                    matches.add(match.build());
                }
            }
        }
        matches.sort(Comparator.comparing(m -> m.fixture().kickoff()));
        return matches;
    }
}
