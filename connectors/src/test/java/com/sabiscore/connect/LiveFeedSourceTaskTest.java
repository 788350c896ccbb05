package com.sabiscore.connect;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sabiscore.data.FootballDataCsv;
import com.sabiscore.data.ManualClock;
import com.sabiscore.data.download.FootballDataSite;
import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.codec.AvroCodec;
import com.sabiscore.match.MatchBuilder;

/**
 * The live feed task against a loopback football-data site whose files change between polls, on a
 * clock the test moves: every poll is one the task would make at that time.
 */
class LiveFeedSourceTaskTest {

    private static final AvroCodec<com.sabiscore.events.Fixture> FIXTURES = AvroCodec.of(com.sabiscore.events.Fixture.class);
    private static final AvroCodec<DeadLetter> DEAD_LETTERS = AvroCodec.of(DeadLetter.class);
    private static final Duration POLL_INTERVAL = Duration.ofMinutes(10);
    private static final String E0 = FootballDataSite.seasonPath("E0", 2024);
    private static final String SP1 = FootballDataSite.seasonPath("SP1", 2024);
    private static final String FIXTURES_CSV = "/fixtures.csv";

    /* a Tuesday early in 2024-25 */
    private final ManualClock clock = ManualClock.at("2024-09-10T12:00:00Z");
    private final FootballDataSite site = FootballDataSite.start();
    private final List<LiveFeedSourceTask> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(LiveFeedSourceTask::stop);
        site.close();
    }

    @Test
    void shouldPublishTheSeasonsResultsThenTheComingFixturesOfTheFollowedDivisions() {
        // given
        site.serve(E0, FootballDataCsv.of(brightonEverton().build(), arsenalWolves().build()));
        site.serve(SP1, FootballDataCsv.of(valenciaBarcelona().build()));
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(arsenalChelsea().fixture(), barcelonaGetafe().fixture(),
                aMatch().competition("E1").home("Leeds").away("Burnley").on("2024-09-14").fixture()));

        // when
        List<SourceRecord> records = poll(startTask(new InMemoryTaskContext()));

        // then results in kick-off order, known 110.5 min after it; fixtures known now; E1 is not followed
        assertThat(records).extracting(SourceRecord::topic, SourceRecord::key, SourceRecord::timestamp).containsExactly(
                tuple("sabiscore.results", "E0:2024-08-17:Arsenal:Wolves", at("2024-08-17T15:50:30Z")),
                tuple("sabiscore.results", "SP1:2024-08-17:Valencia:Barcelona", at("2024-08-17T22:20:30Z")),
                tuple("sabiscore.results", "E0:2024-08-24:Brighton:Everton", at("2024-08-24T15:50:30Z")),
                tuple("sabiscore.fixtures", "E0:2024-09-14:Arsenal:Chelsea", clock.millis()),
                tuple("sabiscore.fixtures", "SP1:2024-09-15:Barcelona:Getafe", clock.millis()));
        assertThat(records).allSatisfy(record -> assertThat(record.kafkaPartition())
                .isEqualTo(CompetitionPartition.of((String) record.key(), 6)));
        com.sabiscore.events.Fixture fixture = FIXTURES.decode((byte[]) records.get(3).value());
        assertThat(fixture.getKickoff()).isEqualTo(Instant.parse("2024-09-14T16:30:00Z"));
        assertThat(fixture.getMarketAverage().getHome()).isEqualTo(2.1);
    }

    @Test
    void shouldFollowTheSeasonInProgressByTheClock() {
        LiveFeedSourceTask task = startTask(new InMemoryTaskContext());
        poll(task);

        // June still belongs to the season that started the summer before; July starts the next one
        clock.set(Instant.parse("2025-06-30T12:00:00Z"));
        poll(task);
        clock.set(Instant.parse("2025-07-01T12:00:00Z"));
        poll(task);

        assertThat(site.requests(E0)).isEqualTo(2);
        assertThat(site.requests(FootballDataSite.seasonPath("E0", 2025))).isEqualTo(1);
    }

    @Test
    void shouldPublishNothingWhenTheFilesAreUnchangedAndAskOnlyWhetherTheyChanged() {
        serveTheSeasonSoFar();
        LiveFeedSourceTask task = startTask(new InMemoryTaskContext());
        poll(task);

        assertThat(nextPoll(task)).isEmpty();
        assertThat(site.notModified(E0)).isEqualTo(1);
        assertThat(site.notModified(FIXTURES_CSV)).isEqualTo(1);
    }

    @Test
    void shouldAskWithIfModifiedSinceWhenTheSiteGivesNoEntityTag() {
        site.validators(FootballDataSite.Validators.LAST_MODIFIED);
        serveTheSeasonSoFar();
        LiveFeedSourceTask task = startTask(new InMemoryTaskContext());
        poll(task);

        assertThat(nextPoll(task)).isEmpty();
        assertThat(site.notModified(E0)).isEqualTo(1);
    }

    @Test
    void shouldPublishNothingAgainFromASiteThatCannotSayWhetherAFileChanged() {
        site.validators(FootballDataSite.Validators.NONE);
        serveTheSeasonSoFar();
        LiveFeedSourceTask task = startTask(new InMemoryTaskContext());
        poll(task);

        assertThat(nextPoll(task)).isEmpty();
        assertThat(site.notModified(E0)).isZero(); // each poll read the whole file again
    }

    @Test
    void shouldPublishNothingWhenAFileIsRewrittenInAnotherOrder() {
        serveTheSeasonSoFar();
        LiveFeedSourceTask task = startTask(new InMemoryTaskContext());
        poll(task);

        site.serve(E0, FootballDataCsv.of(brightonEverton().build(), arsenalWolves().build()));
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(evertonWolves().fixture(), arsenalChelsea().fixture()));

        assertThat(nextPoll(task)).isEmpty();
        assertThat(site.notModified(E0)).isZero(); // the site did send the rewritten files
    }

    @Test
    void shouldPublishOnlyTheResultsOfRowsAppendedSinceTheLastPoll() {
        serveTheSeasonSoFar();
        LiveFeedSourceTask task = startTask(new InMemoryTaskContext());
        poll(task);

        site.serve(E0, FootballDataCsv.of(arsenalWolves().build(), brightonEverton().build(), chelseaPalace().build()));

        assertThat(keys(nextPoll(task))).containsExactly("E0:2024-09-08:Chelsea:Crystal Palace");
    }

    @Test
    void shouldPublishAFixtureAgainWhenItsKickoffOrItsOddsChange() {
        serveTheSeasonSoFar();
        LiveFeedSourceTask task = startTask(new InMemoryTaskContext());
        poll(task);

        // moved from 17:30 to 12:30 the same day: same fixture id, new kick-off
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(arsenalChelsea().at("12:30").fixture(), evertonWolves().fixture()));
        List<SourceRecord> moved = nextPoll(task);
        // the prices move
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(arsenalChelsea().at("12:30").odds(1.9, 3.6, 4.1).fixture(),
                evertonWolves().fixture()));
        List<SourceRecord> repriced = nextPoll(task);

        assertThat(keys(moved)).containsExactly("E0:2024-09-14:Arsenal:Chelsea");
        assertThat(FIXTURES.decode((byte[]) moved.get(0).value()).getKickoff()).isEqualTo(Instant.parse("2024-09-14T11:30:00Z"));
        assertThat(keys(repriced)).containsExactly("E0:2024-09-14:Arsenal:Chelsea");
        assertThat(FIXTURES.decode((byte[]) repriced.get(0).value()).getMarketAverage().getHome()).isEqualTo(1.9);
    }

    @Test
    void shouldLeaveOutAFixtureThatFixturesCsvStillListsOnceItsResultIsIn() {
        serveTheSeasonSoFar();
        LiveFeedSourceTask task = startTask(new InMemoryTaskContext());
        poll(task);

        clock.set(Instant.parse("2024-09-14T20:00:00Z"));
        site.serve(E0, FootballDataCsv.of(arsenalWolves().build(), brightonEverton().build(), arsenalChelsea().build()));
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(arsenalChelsea().odds(2.0, 3.5, 3.9).fixture(), evertonWolves().fixture()));

        assertThat(poll(task)).extracting(SourceRecord::topic, SourceRecord::key)
                .containsExactly(tuple("sabiscore.results", "E0:2024-09-14:Arsenal:Chelsea"));
    }

    @Test
    void shouldStampAFixtureFirstSeenAfterItsKickoffWithTheKickoff() {
        clock.set(Instant.parse("2024-09-14T17:00:00Z"));
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(arsenalChelsea().fixture()));

        List<SourceRecord> records = poll(startTask(new InMemoryTaskContext()));

        assertThat(records).extracting(SourceRecord::timestamp).containsExactly(at("2024-09-14T16:30:00Z"));
    }

    @Test
    void shouldPublishAfterARestartOnlyWhatTheCommittedOffsetsLack() {
        // given a first task whose records were committed, and more rows since
        serveTheSeasonSoFar();
        InMemoryTaskContext context = new InMemoryTaskContext();
        LiveFeedSourceTask first = startTask(context);
        context.commit(poll(first));
        first.stop();
        site.serve(E0, FootballDataCsv.of(chelseaPalace().build(), arsenalWolves().build(), brightonEverton().build()));
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(evertonWolves().fixture(), arsenalChelsea().odds(2.3, 3.4, 3.2).fixture()));

        // when a new task starts from the committed offsets
        List<SourceRecord> records = poll(startTask(context.restart()));

        // then only the new result and the re-priced fixture
        assertThat(records).extracting(SourceRecord::topic, SourceRecord::key).containsExactly(
                tuple("sabiscore.results", "E0:2024-09-08:Chelsea:Crystal Palace"),
                tuple("sabiscore.fixtures", "E0:2024-09-14:Arsenal:Chelsea"));
    }

    @Test
    void shouldSendAgainAfterARestartWhatWasNeverCommitted() {
        serveTheSeasonSoFar();
        InMemoryTaskContext context = new InMemoryTaskContext();
        List<SourceRecord> lost = poll(startTask(context));

        List<SourceRecord> again = poll(startTask(context.restart()));

        assertThat(keys(again)).isEqualTo(keys(lost)).hasSize(4);
    }

    @Test
    void shouldBackOffWhileTheSiteIsDownAndPublishEverythingOnceItIsBack() throws InterruptedException {
        // given a task that published the season so far
        serveTheSeasonSoFar();
        InMemoryTaskContext context = new InMemoryTaskContext();
        LiveFeedSourceTask task = startTask(context, Map.of("feed.retry.backoff", "PT30S"));
        poll(task);

        // when the site goes down while a result comes in
        site.down();
        site.serve(E0, FootballDataCsv.of(arsenalWolves().build(), brightonEverton().build(), chelseaPalace().build()));
        assertThat(nextPoll(task)).isEmpty();
        int asked = site.requests(E0);

        // then it asks again after 30 s, not before, then after 1 min more
        clock.advance(Duration.ofSeconds(29));
        assertThat(task.poll()).isNull();
        assertThat(site.requests(E0)).isEqualTo(asked);
        clock.advance(Duration.ofSeconds(1));
        assertThat(task.poll()).isNull();
        // (the HTTP client itself tries a request once more when the connection closes without an answer)
        assertThat(site.requests(E0)).isGreaterThan(asked);
        asked = site.requests(E0);
        clock.advance(Duration.ofSeconds(59));
        assertThat(task.poll()).isNull();
        assertThat(site.requests(E0)).isEqualTo(asked);
        assertThat(context.metric("failed-fetches")).isEqualTo(2L * 3); // E0, SP1 and fixtures.csv, twice

        // and once the site is back, the result follows, once
        site.up();
        clock.advance(Duration.ofSeconds(1));
        assertThat(keys(poll(task))).containsExactly("E0:2024-09-08:Chelsea:Crystal Palace");
        assertThat(nextPoll(task)).isEmpty();
    }

    @Test
    void shouldRetryAfterAServerErrorAndStillPublishWhatTheOtherFilesHold() {
        serveTheSeasonSoFar();
        site.failWithServerError(E0, 1);

        LiveFeedSourceTask task = startTask(new InMemoryTaskContext());
        List<SourceRecord> first = poll(task);
        clock.advance(Duration.ofSeconds(30));
        List<SourceRecord> retry = poll(task);

        assertThat(keys(first)).containsExactly("E0:2024-09-14:Arsenal:Chelsea", "E0:2024-09-15:Everton:Wolves");
        assertThat(keys(retry)).containsExactly("E0:2024-08-17:Arsenal:Wolves", "E0:2024-08-24:Brighton:Everton");
    }

    @Test
    void shouldTreatASeasonFileNotOnTheSiteYetAsNothingToPublish() {
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(arsenalChelsea().fixture()));
        LiveFeedSourceTask task = startTask(new InMemoryTaskContext());

        assertThat(keys(poll(task))).containsExactly("E0:2024-09-14:Arsenal:Chelsea");
        // no failure: the next look is a regular poll interval later
        clock.advance(POLL_INTERVAL.minusSeconds(1));
        assertThat(poll(task)).isEmpty();
        assertThat(site.requests(E0)).isEqualTo(1);
    }

    @Test
    void shouldSendAMalformedRowToTheDeadLetterTopicOnceWithItsReason() {
        // given a row whose date cannot be read between two good ones
        site.serve(E0, FootballDataCsv.ofLines(FootballDataCsv.row(arsenalWolves().build()),
                "E0,31/02/2024,15:00,Chelsea,Fulham,1,0,H,,,,,",
                FootballDataCsv.row(brightonEverton().build())));
        InMemoryTaskContext context = new InMemoryTaskContext();
        LiveFeedSourceTask task = startTask(context);

        // when
        List<SourceRecord> records = poll(task);
        site.serve(E0, FootballDataCsv.ofLines("E0,31/02/2024,15:00,Chelsea,Fulham,1,0,H,,,,,",
                FootballDataCsv.row(arsenalWolves().build()), FootballDataCsv.row(brightonEverton().build()),
                FootballDataCsv.row(chelseaPalace().build())));
        List<SourceRecord> afterAChange = nextPoll(task);

        // then the good rows are published and the bad one is a dead letter, once
        assertThat(records).extracting(SourceRecord::topic).containsExactly(
                "sabiscore.dead-letters", "sabiscore.results", "sabiscore.results");
        DeadLetter letter = DEAD_LETTERS.decode((byte[]) records.get(0).value());
        assertThat(letter.getReason()).contains(E0 + ", data row 2").contains("not a calendar date");
        assertThat(letter.getSourceTopic()).isEqualTo("sabiscore.results");
        assertThat(letter.getSourcePartition()).isEqualTo(-1);
        assertThat(StandardCharsets.UTF_8.decode(letter.getOriginalValue()).toString())
                .isEqualTo("E0,31/02/2024,15:00,Chelsea,Fulham,1,0,H,,,,,");
        assertThat(keys(afterAChange)).containsExactly("E0:2024-09-08:Chelsea:Crystal Palace");
        assertThat(context.metric("malformed-rows")).isEqualTo(1L);
    }

    @Test
    void shouldSendARowTheStreamWouldRefuseToTheDeadLetterTopicWithTheValidatorsReason() {
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(arsenalChelsea().fixture(),
                aMatch().home("Everton").away("Everton").on("2024-09-15").fixture()));

        List<SourceRecord> records = poll(startTask(new InMemoryTaskContext()));

        assertThat(records).extracting(SourceRecord::topic, SourceRecord::key).containsExactlyInAnyOrder(
                tuple("sabiscore.fixtures", "E0:2024-09-14:Arsenal:Chelsea"),
                tuple("sabiscore.dead-letters", "E0:2024-09-15:Everton:Everton"));
        SourceRecord refused = records.stream().filter(r -> r.topic().equals("sabiscore.dead-letters")).findFirst().orElseThrow();
        DeadLetter letter = DEAD_LETTERS.decode((byte[]) refused.value());
        assertThat(letter.getReason()).isEqualTo("home team equals away team: Everton");
        assertThat(letter.getSourceTopic()).isEqualTo("sabiscore.fixtures");
        assertThat(FIXTURES.decode(AvroCodec.toArray(letter.getOriginalValue())).getFixtureId()).isEqualTo("E0:2024-09-15:Everton:Everton");
    }

    // ---- the season: two E0 results and two coming E0 fixtures, one SP1 match each way

    private void serveTheSeasonSoFar() {
        site.serve(E0, FootballDataCsv.of(arsenalWolves().build(), brightonEverton().build()));
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(arsenalChelsea().fixture(), evertonWolves().fixture()));
    }

    private static MatchBuilder arsenalWolves() {
        return aMatch().home("Arsenal").away("Wolves").on("2024-08-17").at("15:00").score(2, 0).odds(1.2, 7.0, 13.0);
    }

    private static MatchBuilder brightonEverton() {
        return aMatch().home("Brighton").away("Everton").on("2024-08-24").at("15:00").score(3, 0).odds(1.6, 4.2, 5.5);
    }

    private static MatchBuilder chelseaPalace() {
        return aMatch().home("Chelsea").away("Crystal Palace").on("2024-09-08").at("14:00").score(1, 1).odds(1.5, 4.5, 6.0);
    }

    private static MatchBuilder arsenalChelsea() {
        return aMatch().home("Arsenal").away("Chelsea").on("2024-09-14").at("17:30").score(1, 1).odds(2.1, 3.5, 3.6);
    }

    private static MatchBuilder evertonWolves() {
        return aMatch().home("Everton").away("Wolves").on("2024-09-15").at("14:00").odds(2.4, 3.3, 3.0);
    }

    private static MatchBuilder valenciaBarcelona() {
        return aMatch().competition("SP1").home("Valencia").away("Barcelona").on("2024-08-17").at("21:30").score(1, 2);
    }

    private static MatchBuilder barcelonaGetafe() {
        return aMatch().competition("SP1").home("Barcelona").away("Getafe").on("2024-09-15").at("19:00").odds(1.3, 5.5, 9.0);
    }

    // ---- running the task

    private LiveFeedSourceTask startTask(InMemoryTaskContext context) {
        return startTask(context, Map.of());
    }

    private LiveFeedSourceTask startTask(InMemoryTaskContext context, Map<String, String> settings) {
        LiveFeedSourceTask task = new LiveFeedSourceTask(clock);
        task.initialize(context);
        Map<String, String> props = new HashMap<>(Map.of(
                "feed.url", site.base().toString(),
                "divisions", "E0,SP1",
                "feed.poll.interval", POLL_INTERVAL.toString()));
        props.putAll(settings);
        task.start(props);
        started.add(task);
        return task;
    }

    /** A poll that is due now. */
    private static List<SourceRecord> poll(LiveFeedSourceTask task) {
        try {
            List<SourceRecord> records = task.poll();
            return records == null ? List.of() : records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next regular poll, one poll interval later. */
    private List<SourceRecord> nextPoll(LiveFeedSourceTask task) {
        clock.advance(POLL_INTERVAL);
        return poll(task);
    }

    private static List<Object> keys(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::key).toList();
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
