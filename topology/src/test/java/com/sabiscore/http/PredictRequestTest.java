package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.match.Competition;
import com.sabiscore.query.JsonFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PredictRequestTest {

    private static PredictRequest parse(String home, String away, String league, String kickoff) throws Exception {
        JsonNode node = JsonFormat.mapper().readTree("{\"home_team\":\"" + home + "\",\"away_team\":\"" + away
                + "\",\"league\":\"" + league + "\",\"kickoff_time\":\"" + kickoff + "\"}");
        return PredictRequest.parse(node, "");
    }

    @Test
    void shouldAcceptTheLeagueByCodeOrCommonName() throws Exception {
        assertThat(parse("Arsenal", "Chelsea", "E0", "2024-12-01T16:30:00Z").competition()).isEqualTo(Competition.E0);
        assertThat(parse("Arsenal", "Chelsea", "premier league", "2024-12-01T16:30:00Z").competition()).isEqualTo(Competition.E0);
        assertThat(parse("Bayern Munich", "Dortmund", "Bundesliga", "2024-12-01T16:30:00Z").competition()).isEqualTo(Competition.D1);
    }

    @Test
    void shouldKeyTheCacheByTheModelTheCompetitionCodeTheTeamsAndTheKickoffInstant() throws Exception {
        PredictRequest request = parse("Arsenal", "Chelsea", "Premier League", "2024-12-01T17:30:00+01:00");

        assertThat(request.cacheKey("ensemble-v3")).isEqualTo("pred:ensemble-v3:E0:Arsenal:Chelsea:2024-12-01T16:30:00Z");
    }

    @ParameterizedTest
    @CsvSource({
            // a summer kick-off half an hour after midnight UK time is on the UK date, not the UTC one
            "2023-08-12T23:30:00Z,       E0:2023-08-13:Arsenal:Chelsea",
            // in winter UK time is UTC
            "2023-12-02T23:30:00Z,       E0:2023-12-02:Arsenal:Chelsea",
            // an offset other than UTC
            "2023-12-02T17:30:00+02:00,  E0:2023-12-02:Arsenal:Chelsea"})
    void shouldNameTheFixtureByItsUkDate(String kickoff, String fixtureId) throws Exception {
        assertThat(parse("Arsenal", "Chelsea", "E0", kickoff).fixtureId().toString()).isEqualTo(fixtureId);
    }

    @ParameterizedTest
    @CsvSource({"2024-05-01T15:00:00", "2024-05-01T15:00"})
    void shouldRejectAKickoffWithoutUtcOffsetNamingTheField(String kickoff) {
        assertThatThrownBy(() -> parse("Arsenal", "Chelsea", "E0", kickoff))
                .isInstanceOf(RequestRejected.class)
                .hasMessage("kickoff_time '" + kickoff + "' has no UTC offset: end it with Z or an offset such as +01:00");
    }

    @ParameterizedTest
    @CsvSource({"0000-03-01T12:00:00Z", "-0001-03-01T12:00:00Z", "9999-03-01T12:00:00Z", "+999999999-03-01T12:00:00Z",
            // the first instant before and after the served years
            "1849-12-31T23:59:59Z", "2201-01-01T00:00:00Z",
            // in range by its own offset, not in UTC
            "2200-12-31T23:30:00-01:00"})
    void shouldRejectAKickoffOutsideTheServedYears(String kickoff) {
        assertThatThrownBy(() -> parse("Arsenal", "Chelsea", "E0", kickoff))
                .isInstanceOf(RequestRejected.class)
                .hasMessage("kickoff_time '" + kickoff + "' is outside the years 1850 to 2200");
    }

    @ParameterizedTest
    @CsvSource({"1850-01-01T00:00:00Z", "2200-12-31T23:59:59Z"})
    void shouldAcceptTheFirstAndLastInstantOfTheServedYears(String kickoff) throws Exception {
        assertThat(parse("Arsenal", "Chelsea", "E0", kickoff).kickoff()).isEqualTo(Instant.parse(kickoff));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // NUL inside a name
            "Arse\\u0000nal | Chelsea        | E0        | home_team must not contain control characters (found U+0000)",
            // a line feed inside (at either end it is stripped as whitespace)
            "Arsenal        | Chel\\nsea     | E0        | away_team must not contain control characters (found U+000A)",
            "Arsenal        | Chelsea        | E\\u00010 | league must not contain control characters (found U+0001)",
            // a high surrogate with no low one after it, a low one alone, and the two in the wrong order
            "\\ud800Arsenal | Chelsea        | E0        | home_team holds an unpaired UTF-16 surrogate (U+D800): send valid Unicode",
            "Arsenal        | Chelsea\\udc00 | E0        | away_team holds an unpaired UTF-16 surrogate (U+DC00): send valid Unicode",
            "\\udc00\\ud800 | Chelsea        | E0        | home_team holds an unpaired UTF-16 surrogate (U+DC00): send valid Unicode"})
    void shouldRejectANameThatIsNotPlainTextNamingTheField(String home, String away, String league, String message) {
        assertThatThrownBy(() -> parse(home, away, league, "2024-12-01T16:30:00Z"))
                .isInstanceOf(RequestRejected.class)
                .hasMessage(message);
    }

    @Test
    void shouldAcceptANameWithAnEmoji() throws Exception {
        // a surrogate pair, escaped in the JSON
        assertThat(parse("\\ud83d\\ude00 United", "Chelsea", "E0", "2024-12-01T16:30:00Z").homeTeam())
                .isEqualTo("\ud83d\ude00 United");
    }

    @ParameterizedTest
    @CsvSource({
            "2024-02-29T23:59:59Z, 2024-02-29T23:59:59Z",
            "2024-12-01T16:30:00Z, 2024-12-01T16:30:00Z",
            "2024-12-01T16:30:00.5Z, 2024-12-01T16:30:00.500Z",
            "2024-12-01T16:30Z,    2024-12-01T16:30:00Z"})
    void shouldReadUtcKickoffsLikeTheIsoParser(String kickoff, String instant) throws Exception {
        assertThat(parse("Arsenal", "Chelsea", "E0", kickoff).kickoff()).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @CsvSource({"2023-02-29T10:00:00Z", "2023-13-01T10:00:00Z", "2023-1a-01T10:00:00Z", "2023-01-01T24:00:00Z",
            "2023-01-01 10:00:00Z"})
    void shouldRejectAnImpossibleKickoffNamingTheField(String kickoff) {
        assertThatThrownBy(() -> parse("Arsenal", "Chelsea", "E0", kickoff))
                .isInstanceOf(RequestRejected.class)
                .hasMessage("kickoff_time '" + kickoff + "' is not an ISO-8601 date-time, e.g. 2024-12-01T16:30:00Z");
    }

    @ParameterizedTest
    @CsvSource({
            // a league season turns on 1 July
            "E0,  2023-08-12T14:00:00Z, 2023-24",
            "E0,  2024-05-19T15:00:00Z, 2023-24",
            "E0,  1999-08-07T14:00:00Z, 1999-00",
            "E0,  2008-09-01T14:00:00Z, 2008-09",
            // internationals go by the calendar year
            "INT, 2023-10-17T18:45:00Z, 2023"})
    void shouldLabelTheSeasonOfTheKickoff(String league, String kickoff, String season) throws Exception {
        assertThat(parse("England", "Italy", league, kickoff).season()).isEqualTo(season);
    }

    @Test
    void shouldUseTheCanonicalSpellingOfATeam() throws Exception {
        PredictRequest request = parse(" Middlesboro ", "Chelsea", "E0", "2024-12-01T16:30:00Z");

        assertThat(request.homeTeam()).isEqualTo("Middlesbrough");
    }

    @Test
    void shouldNameTheBatchEntryAtFault() throws Exception {
        JsonNode node = JsonFormat.mapper().readTree("{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\"}");

        assertThatThrownBy(() -> PredictRequest.parse(node, "[4]."))
                .isInstanceOf(RequestRejected.class)
                .hasMessage("[4].kickoff_time is required");
    }
}
