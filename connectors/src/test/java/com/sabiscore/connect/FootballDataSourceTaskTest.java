package com.sabiscore.connect;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sabiscore.data.FootballDataCsv;
import com.sabiscore.data.RealHistory;
import com.sabiscore.events.codec.AvroCodec;
import com.sabiscore.match.FixtureId;
import com.sabiscore.match.MatchBuilder;

/** The task over a temporary feed folder, polled the way a worker polls it. */
class FootballDataSourceTaskTest {

    private static final AvroCodec<com.sabiscore.events.Fixture> FIXTURES = AvroCodec.of(com.sabiscore.events.Fixture.class);
    private static final AvroCodec<com.sabiscore.events.MatchResult> RESULTS = AvroCodec.of(com.sabiscore.events.MatchResult.class);

    @TempDir
    Path feed;

    private final List<FootballDataSourceTask> started = new ArrayList<>();

    @AfterEach
    void stopTasks() {
        started.forEach(FootballDataSourceTask::stop);
    }

    @Test
    void shouldPublishEachMatchAsAFixtureThenAResultInTheOrderTheyBecameKnown() {
        // given rows out of time order, two of them kicking off together
        FootballDataCsv.write(feed, "E0/2023-24.csv", evertonFulham().build(), brightonLuton().build(), arsenalForest().build(), burnleyCity().build());

        // when
        List<SourceRecord> records = drain(startTask(new InMemoryTaskContext(), Map.of()));

        // then fixtures at kick-off, results 110.5 minutes later, fixtures before results at equal instants
        assertThat(records).extracting(SourceRecord::topic, r -> r.key(), SourceRecord::timestamp).containsExactly(
                tuple("sabiscore.fixtures", "E0:2023-08-11:Burnley:Man City", at("2023-08-11T19:00:00Z")),
                tuple("sabiscore.results", "E0:2023-08-11:Burnley:Man City", at("2023-08-11T20:50:30Z")),
                tuple("sabiscore.fixtures", "E0:2023-08-12:Arsenal:Nott'm Forest", at("2023-08-12T11:30:00Z")),
                tuple("sabiscore.results", "E0:2023-08-12:Arsenal:Nott'm Forest", at("2023-08-12T13:20:30Z")),
                tuple("sabiscore.fixtures", "E0:2023-08-12:Brighton:Luton", at("2023-08-12T14:00:00Z")),
                tuple("sabiscore.fixtures", "E0:2023-08-12:Everton:Fulham", at("2023-08-12T14:00:00Z")),
                tuple("sabiscore.results", "E0:2023-08-12:Brighton:Luton", at("2023-08-12T15:50:30Z")),
                tuple("sabiscore.results", "E0:2023-08-12:Everton:Fulham", at("2023-08-12T15:50:30Z")));
    }

    @Test
    void shouldCarryAvroSingleObjectBytesThatDecodeToTheMatch() {
        FootballDataCsv.write(feed, "E0/2023-24.csv", arsenalForest().build());

        List<SourceRecord> records = drain(startTask(new InMemoryTaskContext(), Map.of()));

        com.sabiscore.events.Fixture fixture = FIXTURES.decode((byte[]) records.get(0).value());
        assertThat(fixture.getFixtureId()).isEqualTo("E0:2023-08-12:Arsenal:Nott'm Forest");
        assertThat(fixture.getSeason()).isEqualTo("2023-24");
        assertThat(fixture.getKickoff()).isEqualTo(Instant.parse("2023-08-12T11:30:00Z"));
        assertThat(fixture.getMarketAverage().getHome()).isEqualTo(1.2);
        assertThat(fixture.getMarketAverage().getAway()).isEqualTo(13.0);
        com.sabiscore.events.MatchResult result = RESULTS.decode((byte[]) records.get(1).value());
        assertThat(result.getFixtureId()).isEqualTo("E0:2023-08-12:Arsenal:Nott'm Forest");
        assertThat(result.getHomeGoals()).isEqualTo(2);
        assertThat(result.getAwayGoals()).isEqualTo(1);
    }

    @Test
    void shouldPutEveryEventOfACompetitionOnThatCompetitionsPartition() {
        FootballDataCsv.write(feed, "E0/2023-24.csv", arsenalForest().build(), burnleyCity().build());
        FootballDataCsv.write(feed, "SP1/2023-24.csv", almeriaVallecano().build());

        List<SourceRecord> records = drain(startTask(new InMemoryTaskContext(), Map.of("topic.partitions", "7")));

        assertThat(records).hasSize(6).allSatisfy(record -> assertThat(record.kafkaPartition())
                .isEqualTo(CompetitionPartition.of(FixtureId.parse((String) record.key()).competition(), 7)));
    }

    @Test
    void shouldStampFixturesTheConfiguredLeadBeforeKickoff() {
        FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().build(), arsenalForest().build());

        List<SourceRecord> records = drain(startTask(new InMemoryTaskContext(), Map.of("fixture.lead.ms", String.valueOf(48 * 3_600_000L))));

        // both fixtures are known two days ahead, so they come before either result
        assertThat(records).extracting(SourceRecord::topic, SourceRecord::timestamp).containsExactly(
                tuple("sabiscore.fixtures", at("2023-08-09T19:00:00Z")),
                tuple("sabiscore.fixtures", at("2023-08-10T11:30:00Z")),
                tuple("sabiscore.results", at("2023-08-11T20:50:30Z")),
                tuple("sabiscore.results", at("2023-08-12T13:20:30Z")));
    }

    @Test
    void shouldPublishOnlyTheChosenDivisions() {
        FootballDataCsv.write(feed, "E0/2023-24.csv", arsenalForest().build());
        FootballDataCsv.write(feed, "SP1/2023-24.csv", almeriaVallecano().build());

        List<SourceRecord> records = drain(startTask(new InMemoryTaskContext(), Map.of("divisions", "SP1")));

        assertThat(records).extracting(SourceRecord::key).containsOnly("SP1:2023-08-11:Almeria:Vallecano").hasSize(2);
    }

    @Test
    void shouldPublishASeasonOfRealFootballDataInTimelineOrder() throws IOException {
        Path season = RealHistory.football().resolve("E0/2023-24.csv");
        Files.createDirectories(feed.resolve("E0"));
        Files.copy(season, feed.resolve("E0/2023-24.csv"));

        List<SourceRecord> records = drain(startTask(new InMemoryTaskContext(), Map.of()));

        assertThat(records).filteredOn(r -> r.topic().equals("sabiscore.fixtures")).extracting(SourceRecord::key).hasSize(380).doesNotHaveDuplicates();
        assertThat(records).filteredOn(r -> r.topic().equals("sabiscore.results")).extracting(SourceRecord::key).hasSize(380).doesNotHaveDuplicates();
        assertThat(records).extracting(SourceRecord::timestamp).isSorted();
        Map<Object, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            firstSeen.putIfAbsent(records.get(i).key(), i);
        }
        assertThat(records).filteredOn(r -> r.topic().equals("sabiscore.fixtures"))
                .allSatisfy(fixture -> assertThat(records.get(firstSeen.get(fixture.key()))).isSameAs(fixture));
    }

    @Nested
    class Offsets {

        @Test
        void shouldNameTheBatchAndHowMuchOfItIsSentAfterEachRecord() {
            Path file = FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().build(), arsenalForest().build());
            long bytes = size(file);
            long crc = crc(file);

            List<SourceRecord> records = drain(startTask(new InMemoryTaskContext(), Map.of()));

            assertThat(records).extracting(SourceRecord::sourcePartition).containsOnly(Map.of("file", "E0/2023-24.csv"));
            assertThat(records).extracting(SourceRecord::sourceOffset).containsExactly(
                    Map.of("row", 0, "rows", 2, "events", 1, "bytes", bytes, "crc", crc),
                    Map.of("row", 0, "rows", 2, "events", 2, "bytes", bytes, "crc", crc),
                    Map.of("row", 0, "rows", 2, "events", 3, "bytes", bytes, "crc", crc),
                    // the batch is complete: both matches are published
                    Map.of("row", 2, "rows", 0, "events", 0, "bytes", bytes, "crc", crc));
        }

        @Test
        void shouldResumeAfterTheLastCommittedRecord() {
            FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().build(), arsenalForest().build());
            List<SourceRecord> uninterrupted = drain(startTask(new InMemoryTaskContext(), Map.of()));
            InMemoryTaskContext worker = new InMemoryTaskContext();
            FootballDataSourceTask first = startTask(worker, Map.of("batch.size", "3"));

            worker.commit(poll(first));
            first.stop();
            List<SourceRecord> afterRestart = drain(startTask(worker.restart(), Map.of()));

            assertThat(afterRestart).extracting(SourceRecord::topic, SourceRecord::key, SourceRecord::timestamp)
                    .containsExactly(tuple(uninterrupted.get(3).topic(), uninterrupted.get(3).key(), uninterrupted.get(3).timestamp()));
        }

        @Test
        void shouldFinishTheInterruptedBatchBeforeRowsAppendedWhileStopped() {
            Path file = FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().build(), arsenalForest().build());
            InMemoryTaskContext worker = new InMemoryTaskContext();
            FootballDataSourceTask first = startTask(worker, Map.of("batch.size", "3"));
            worker.commit(poll(first));
            first.stop();

            FootballDataCsv.append(file, FootballDataCsv.row(evertonFulham().build()) + "\n");
            List<SourceRecord> afterRestart = drain(startTask(worker.restart(), Map.of()));

            assertThat(afterRestart).extracting(SourceRecord::topic, SourceRecord::key).containsExactly(
                    tuple("sabiscore.results", "E0:2023-08-12:Arsenal:Nott'm Forest"),
                    tuple("sabiscore.fixtures", "E0:2023-08-12:Everton:Fulham"),
                    tuple("sabiscore.results", "E0:2023-08-12:Everton:Fulham"));
        }

        @Test
        void shouldPublishNothingAgainWhenEverythingWasCommitted() {
            FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().build());
            InMemoryTaskContext worker = new InMemoryTaskContext();
            FootballDataSourceTask first = startTask(worker, Map.of());
            worker.commit(drain(first));
            first.stop();

            assertThat(drain(startTask(worker.restart(), Map.of()))).isEmpty();
        }

        @Test
        void shouldPublishARewrittenFileAgainFromItsFirstRow() {
            FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().build());
            InMemoryTaskContext worker = new InMemoryTaskContext();
            FootballDataSourceTask task = startTask(worker, Map.of());
            worker.commit(drain(task));

            // the site corrected the score: the file is replaced, not appended to
            FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().score(1, 3).build(), arsenalForest().build());
            List<SourceRecord> republished = drain(task);

            assertThat(republished).extracting(SourceRecord::key).containsExactly(
                    "E0:2023-08-11:Burnley:Man City", "E0:2023-08-11:Burnley:Man City",
                    "E0:2023-08-12:Arsenal:Nott'm Forest", "E0:2023-08-12:Arsenal:Nott'm Forest");
            assertThat(RESULTS.decode((byte[]) republished.get(1).value()).getHomeGoals()).isEqualTo(1);
        }
    }

    @Nested
    class LiveFeed {

        @Test
        void shouldPublishRowsAppendedToAFileAndWaitForAHalfWrittenLine() {
            Path file = FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().build());
            FootballDataSourceTask task = startTask(new InMemoryTaskContext(), Map.of());
            assertThat(drain(task)).hasSize(2);

            // when one full row and the start of the next arrive
            String everton = FootballDataCsv.row(evertonFulham().build());
            FootballDataCsv.append(file, FootballDataCsv.row(arsenalForest().build()) + "\n" + everton.substring(0, 20));

            // then only the complete row is published
            assertThat(drain(task)).extracting(SourceRecord::key).containsExactly(
                    "E0:2023-08-12:Arsenal:Nott'm Forest", "E0:2023-08-12:Arsenal:Nott'm Forest");

            // and the other one once its line is finished
            FootballDataCsv.append(file, everton.substring(20) + "\n");
            assertThat(drain(task)).extracting(SourceRecord::key).containsExactly(
                    "E0:2023-08-12:Everton:Fulham", "E0:2023-08-12:Everton:Fulham");
        }

        @Test
        void shouldPublishASeasonFileThatAppearsLater() {
            FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().build());
            FootballDataSourceTask task = startTask(new InMemoryTaskContext(), Map.of());
            assertThat(drain(task)).hasSize(2);

            FootballDataCsv.write(feed, "E0/2024-25.csv", aMatch().home("Man United").away("Fulham").on("2024-08-16").at("20:00").build());

            assertThat(drain(task)).extracting(SourceRecord::key).containsOnly("E0:2024-08-16:Man United:Fulham").hasSize(2);
        }

        @Test
        void shouldHandAtMostBatchSizeRecordsToEachPoll() {
            FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().build(), arsenalForest().build(), evertonFulham().build());
            FootballDataSourceTask task = startTask(new InMemoryTaskContext(), Map.of("batch.size", "4"));

            assertThat(poll(task)).hasSize(4);
            assertThat(poll(task)).hasSize(2);
            assertThat(poll(task)).isEmpty();
        }
    }

    @Nested
    class MalformedInput {

        @Test
        void shouldSkipAMalformedRowCountItOnceAndPublishTheRest() {
            Path file = FootballDataCsv.write(feed, "E0/2023-24.csv",
                    FootballDataCsv.row(burnleyCity().build()),
                    "E0,31/02/2023,12:30,Arsenal,Nott'm Forest,2,1,H,,,,,",
                    FootballDataCsv.row(evertonFulham().build()));
            InMemoryTaskContext worker = new InMemoryTaskContext();
            FootballDataSourceTask task = startTask(worker, Map.of());

            assertThat(drain(task)).extracting(SourceRecord::key).containsOnly(
                    "E0:2023-08-11:Burnley:Man City", "E0:2023-08-12:Everton:Fulham").hasSize(4);
            assertThat(worker.metric("malformed-rows")).isEqualTo(1L);

            // the grown file is read again whole: the old bad row is not counted twice
            FootballDataCsv.append(file, FootballDataCsv.row(brightonLuton().build()) + "\n");
            assertThat(drain(task)).extracting(SourceRecord::key).containsOnly("E0:2023-08-12:Brighton:Luton").hasSize(2);
            assertThat(worker.metric("malformed-rows")).isEqualTo(1L);
        }

        @Test
        void shouldSkipAnUnreadableFileUntilItChanges() {
            FootballDataCsv.write(feed, "E0/2023-24.csv", burnleyCity().build());
            Path broken = feed.resolve("SP1/2023-24.csv");
            writeString(broken, "Div,Date,HomeTeam,AwayTeam\nSP1,11/08/2023,Almeria,Vallecano\n");
            InMemoryTaskContext worker = new InMemoryTaskContext();
            FootballDataSourceTask task = startTask(worker, Map.of());

            assertThat(drain(task)).extracting(SourceRecord::key).containsOnly("E0:2023-08-11:Burnley:Man City").hasSize(2);
            assertThat(drain(task)).isEmpty();
            assertThat(worker.metric("unreadable-files")).isEqualTo(1L);

            FootballDataCsv.write(feed, "SP1/2023-24.csv", almeriaVallecano().build());
            assertThat(drain(task)).extracting(SourceRecord::key).containsOnly("SP1:2023-08-11:Almeria:Vallecano").hasSize(2);
            assertThat(worker.metric("unreadable-files")).isEqualTo(1L);
        }

        @Test
        void shouldSkipAFileWhoseNameIsNoSeason() {
            FootballDataCsv.write(feed, "E0/2023-25.csv", burnleyCity().build());
            FootballDataCsv.write(feed, "E0/2023-24.csv", arsenalForest().build());
            InMemoryTaskContext worker = new InMemoryTaskContext();

            List<SourceRecord> records = drain(startTask(worker, Map.of()));

            assertThat(records).extracting(SourceRecord::key).containsOnly("E0:2023-08-12:Arsenal:Nott'm Forest");
            assertThat(worker.metric("unreadable-files")).isEqualTo(1L);
        }
    }

    private FootballDataSourceTask startTask(InMemoryTaskContext worker, Map<String, String> settings) {
        Map<String, String> props = new HashMap<>(Map.of("feed.dir", feed.toString(), "poll.interval.ms", "0"));
        props.putAll(settings);
        FootballDataSourceTask task = new FootballDataSourceTask();
        task.initialize(worker);
        task.start(props);
        started.add(task);
        return task;
    }

    /** One poll; an empty list when the task had nothing to send. */
    private static List<SourceRecord> poll(FootballDataSourceTask task) {
        try {
            List<SourceRecord> records = task.poll();
            return records == null ? List.of() : records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }

    /** Polls until the task has nothing more to send. */
    private static List<SourceRecord> drain(FootballDataSourceTask task) {
        List<SourceRecord> all = new ArrayList<>();
        for (List<SourceRecord> batch = poll(task); !batch.isEmpty(); batch = poll(task)) {
            all.addAll(batch);
        }
        return all;
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long crc(Path file) {
        try {
            CRC32 crc = new CRC32();
            crc.update(Files.readAllBytes(file));
            return crc.getValue();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void writeString(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // matches of the 2023-24 opening weekend; builders are mutable, so each use gets a fresh one
    private static MatchBuilder evertonFulham() {
        return aMatch().home("Everton").away("Fulham").on("2023-08-12").at("15:00").score(0, 1);
    }

    private static MatchBuilder brightonLuton() {
        return aMatch().home("Brighton").away("Luton").on("2023-08-12").at("15:00").score(4, 1);
    }

    private static MatchBuilder arsenalForest() {
        return aMatch().home("Arsenal").away("Nott'm Forest").on("2023-08-12").at("12:30").score(2, 1).odds(1.2, 6.5, 13.0);
    }

    private static MatchBuilder burnleyCity() {
        return aMatch().home("Burnley").away("Man City").on("2023-08-11").at("20:00").score(0, 3);
    }

    private static MatchBuilder almeriaVallecano() {
        return aMatch().competition("SP1").home("Almeria").away("Vallecano").on("2023-08-11").at("19:30");
    }
}
