package com.sabiscore.http;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static com.sabiscore.events.ResultEvents.aResultEvent;

import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A small Premier League story the serving tests stream through the real topology: four results
 * (so the clubs have ratings and form) and then fixtures, each with a record timestamp at its
 * event time (a fixture is published a week before kick-off, a result two hours after it).
 */
final class StreamedFixtures {

    static final List<MatchResult> RESULTS = List.of(
            result("Arsenal", "Nott'm Forest", "2023-08-12T11:30:00Z", 2, 1),
            result("Chelsea", "Liverpool", "2023-08-13T15:30:00Z", 1, 1),
            result("Man City", "Chelsea", "2023-08-19T14:00:00Z", 3, 0),
            result("Liverpool", "Arsenal", "2023-08-26T14:00:00Z", 2, 2));

    static final Fixture ARSENAL_CHELSEA = fixture("E0", "Arsenal", "Chelsea", "2023-10-21T14:00:00Z");
    static final Fixture CITY_LIVERPOOL = fixture("E0", "Man City", "Liverpool", "2023-10-22T15:30:00Z");
    static final Fixture FOREST_ARSENAL = fixture("E0", "Nott'm Forest", "Arsenal", "2023-11-04T15:00:00Z");
    static final Fixture BAYERN_DORTMUND = fixture("D1", "Bayern Munich", "Dortmund", "2023-11-04T17:30:00Z");

    static final List<Fixture> FIXTURES = List.of(ARSENAL_CHELSEA, CITY_LIVERPOOL, FOREST_ARSENAL, BAYERN_DORTMUND);

    private StreamedFixtures() {
    }

    static Fixture fixture(String competition, String home, String away, String kickoff) {
        return aFixtureEvent().competition(competition).home(home).away(away).kickoff(kickoff).build();
    }

    static MatchResult result(String home, String away, String kickoff, int homeGoals, int awayGoals) {
        return aResultEvent().home(home).away(away).kickoff(kickoff).score(homeGoals, awayGoals).build();
    }

    /** Waits until the app serves a prediction of each fixture. */
    static void awaitPredicted(AppInstance app, List<Fixture> fixtures) throws InterruptedException {
        HttpCalls calls = new HttpCalls();
        for (Fixture fixture : fixtures) {
            String url = app.url(PredictionRoutesTest.predictionPath(fixture.getFixtureId()));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (calls.get(url).status() != 200) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(url + " never answered 200");
                }
                Thread.sleep(100);
            }
        }
    }

    /** Produces the results, then the fixtures, with event-time timestamps. */
    static void produce(AppConfig config, List<MatchResult> results, List<Fixture> fixtures) {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config.producerProperties())) {
            for (MatchResult result : results) {
                long at = result.getKickoff().plus(Duration.ofHours(2)).toEpochMilli();
                producer.send(new ProducerRecord<>(config.resultsTopic(), null, at, result.getFixtureId(), result));
            }
            for (Fixture fixture : fixtures) {
                long at = fixture.getKickoff().minus(Duration.ofDays(7)).toEpochMilli();
                producer.send(new ProducerRecord<>(config.fixturesTopic(), null, at, fixture.getFixtureId(), fixture));
            }
            producer.flush();
        }
    }
}
