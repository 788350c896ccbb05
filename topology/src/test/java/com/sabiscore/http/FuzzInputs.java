package com.sabiscore.http;

import com.sabiscore.data.FootballDataReader;
import com.sabiscore.data.TeamNames;
import com.sabiscore.match.Competition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Random requests for the HTTP fuzz tests: hostile JSON, field values, dates, batches, path
 * values and range queries, plus valid requests with the fixture id their answer must carry.
 * Every case comes from a {@link Random} whose seed is fixed unless {@code -Dfuzz.seed=N} is given,
 * and each case's display name carries that seed, so a failing run can be replayed exactly.
 */
final class FuzzInputs {

    static final long SEED = Long.parseLong(System.getProperty("fuzz.seed", "20261207"));

    static final Instant FIRST_SERVED = Instant.parse("1850-01-01T00:00:00Z");
    static final Instant LAST_SERVED = Instant.parse("2200-12-31T23:59:59Z");

    private static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "null", "true", "false", "-0",
            "1e999", "0x10", "\\u0000", "\\ud800", "\"home_team\"", "\"away_team\"", "\"league\"", "\"kickoff_time\"", "\"E0\"",
            "\"Arsenal\"", "\"2024-05-01T15:00:00Z\"", " ", "\n", "\u00e9", "\ud83d\ude00");
    private static final List<String> OTHER_JSON_VALUES = List.of("null", "true", "false", "[]", "{}", "[\"Arsenal\"]",
            "{\"name\":\"Arsenal\"}");
    private static final List<String> KICKOFF_OFFSETS = List.of("Z", "+00:00", "+01:00", "-12:00", "+18:00", "+19:00", "", "+5",
            "z", "GMT");
    private static final List<Integer> EDGE_YEARS = List.of(0, -1, 9999, 10_000, 1849, 1850, 2200, 2201);
    private static final List<Integer> EDGE_UNSERVED_YEARS = List.of(0, -1, 9999, 999_999_999);
    private static final List<Integer> EDGE_INTS = List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
    private static final List<Double> EDGE_DOUBLES = List.of(0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE);
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '.&-\u00e9\u00fc\u26bd";
    private static final List<String> ID_COMPETITIONS = List.of("E0", "D1", "XX", "");

    private final Random random;

    private FuzzInputs(long seed) {
        this.random = new Random(seed);
    }

    /** A valid predict request, and the fixture id its answer must carry. */
    record ValidRequest(String home, String away, Competition competition, Instant kickoff, ZoneOffset offset) {

        String json() {
            return "{\"home_team\":" + quoted(home) + ",\"away_team\":" + quoted(away) + ",\"league\":" + quoted(competition.code())
                    + ",\"kickoff_time\":" + quoted(kickoff.atOffset(offset).toString()) + "}";
        }

        String fixtureId() {
            return competition.code() + ":" + kickoff.atZone(FootballDataReader.UK).toLocalDate() + ":"
                    + TeamNames.canonical(home.strip()) + ":" + TeamNames.canonical(away.strip());
        }
    }

    /** {@code count} cases for a parameterized test, each named by the random seed that replays it. */
    static <T> Stream<Arguments> cases(int count, Function<FuzzInputs, T> generator) {
        FuzzInputs inputs = new FuzzInputs(SEED);
        return IntStream.range(0, count)
                .mapToObj(i -> Arguments.argumentSet("fuzz.seed=" + SEED, new Object[] {generator.apply(inputs)}));
    }

    // ---- request bodies ----------------------------------------------------------------------

    /** Token soup: JSON punctuation, the contract's field names, escapes and literals in any order; or a predict object. */
    String jsonishBody() {
        if (random.nextBoolean()) {
            return predictObject();
        }
        return String.join("", listOf(0, 40, () -> oneOf(
                () -> pick(JSON_TOKENS),
                () -> quoted(text(12)),
                () -> String.valueOf(anyInt()))));
    }

    /** Objects with each contract field absent, of any JSON type, or any string (control characters, lone surrogates). */
    String predictObject() {
        StringJoiner object = new StringJoiner(",", "{", "}");
        for (String field : List.of("home_team", "away_team", "league", "kickoff_time")) {
            // one member in ten is left out
            if (random.nextInt(10) > 0) {
                object.add(quoted(field) + ":" + anyValue(field));
            }
        }
        return object.toString();
    }

    ValidRequest validRequest() {
        while (true) {
            ValidRequest request = new ValidRequest(teamName(), teamName(), pick(List.of(Competition.values())),
                    Instant.ofEpochSecond(between(FIRST_SERVED.getEpochSecond(), LAST_SERVED.getEpochSecond())),
                    ZoneOffset.ofTotalSeconds(between(-18 * 60, 18 * 60) * 60));
            // a fixture needs two different teams
            if (!TeamNames.canonical(request.home().strip()).equalsIgnoreCase(TeamNames.canonical(request.away().strip()))) {
                return request;
            }
        }
    }

    List<ValidRequest> validRequests(int min, int max) {
        return listOf(min, max, this::validRequest);
    }

    /** A JSON array of predict objects, any JSON-ish body, or about {@code maxBatch} valid requests. */
    String batch(int maxBatch) {
        return oneOf(
                () -> "[" + String.join(",", listOf(0, 6, this::predictObject)) + "]",
                this::jsonishBody,
                () -> "[" + String.join(",", Collections.nCopies(between(maxBatch - 1, maxBatch + 1), validBody())) + "]");
    }

    byte[] bytes(int min, int max) {
        byte[] bytes = new byte[between(min, max)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A year that no kick-off may have: before 1850 or after 2200, out to nine digits. */
    int unservedYear() {
        return oneOf(() -> between(-999_999_999, 1849), () -> between(2201, 999_999_999), () -> pick(EDGE_UNSERVED_YEARS));
    }

    // ---- GET routes --------------------------------------------------------------------------

    /** A percent-encoded segment: any bytes (not UTF-8, NUL, '/'), or a fixture-id shape with an extreme date. */
    String pathValue() {
        return oneOf(
                () -> percentEncoded(bytes(1, 80)),
                () -> percentEncoded((pick(ID_COMPETITIONS) + ":" + extremeDate() + ":" + anyText(20) + ":" + text(20))
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code competition=..&from=..&to=..} with a real or any competition, and dates that are recent, extreme or not dates. */
    String rangeQuery() {
        String competition = oneOf(() -> pick(List.of(Competition.values())).code(), () -> anyText(20));
        return "competition=" + queryEncoded(competition) + "&from=" + queryEncoded(date()) + "&to=" + queryEncoded(date());
    }

    private String date() {
        return oneOf(this::extremeDate, () -> anyText(20),
                () -> LocalDate.ofEpochDay(between(LocalDate.of(2023, 1, 1).toEpochDay(), LocalDate.of(2024, 12, 31).toEpochDay())).toString());
    }

    private String extremeDate() {
        return LocalDate.ofEpochDay(between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())).toString();
    }

    // ---- field values ------------------------------------------------------------------------

    private String anyValue(String field) {
        return oneOf(
                () -> quoted(validValue(field)),
                () -> quoted(anyText(120)),
                () -> String.valueOf(anyInt()),
                () -> String.valueOf(anyDouble()),
                () -> pick(OTHER_JSON_VALUES),
                () -> quoted(extremeKickoff()),
                () -> quoted(pick(List.of(Competition.values())).commonName()));
    }

    /** Date-times with years from -999,999,999 to 999,999,999, impossible fields and odd offsets. */
    private String extremeKickoff() {
        int year = oneOf(() -> between(-999_999_999, 999_999_999), () -> between(1840, 2210), () -> pick(EDGE_YEARS));
        return String.format("%s-%02d-%02dT%02d:%02d:00%s", isoYear(year), between(0, 13), between(0, 32), between(0, 25),
                between(0, 61), pick(KICKOFF_OFFSETS));
    }

    private String teamName() {
        while (true) {
            StringBuilder name = new StringBuilder();
            for (int i = between(1, 40); i > 0; i--) {
                name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
            }
            if (!name.toString().isBlank()) {
                return name.toString();
            }
        }
    }

    // ---- primitive values --------------------------------------------------------------------

    /** Text a client could type: any character but surrogates, private use and noncharacters, mostly ASCII. */
    private String text(int maxLength) {
        return string(maxLength, () -> {
            char c;
            do {
                c = random.nextBoolean() ? (char) between(0x20, 0x7e) : (char) random.nextInt(0x10000);
            } while (Character.isSurrogate(c) || Character.getType(c) == Character.PRIVATE_USE || isNoncharacter(c));
            return c;
        });
    }

    /** Any UTF-16 code units: control characters, lone surrogates, private use and noncharacters included. */
    private String anyText(int maxLength) {
        return string(maxLength, () -> oneOf(
                () -> (char) between(0x20, 0x7e),
                () -> (char) between(0, 0x1f),
                () -> (char) between(Character.MIN_SURROGATE, Character.MAX_SURROGATE),
                () -> (char) random.nextInt(0x10000)));
    }

    private String string(int maxLength, Supplier<Character> chars) {
        StringBuilder text = new StringBuilder();
        for (int i = length(0, maxLength); i > 0; i--) {
            text.append(chars.get().charValue());
        }
        return text.toString();
    }

    private static boolean isNoncharacter(char c) {
        return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
    }

    /** Any int, with the edges and small values more often than a uniform draw gives them. */
    private int anyInt() {
        return oneOf(() -> pick(EDGE_INTS), () -> between(-1000, 1000), random::nextInt);
    }

    /** Any finite double, over every exponent, with the edges more often. */
    private double anyDouble() {
        if (random.nextInt(5) == 0) {
            return pick(EDGE_DOUBLES);
        }
        double value;
        do {
            value = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(value));
        return value;
    }

    private <T> List<T> listOf(int min, int max, Supplier<T> element) {
        List<T> list = new ArrayList<>();
        for (int i = length(min, max); i > 0; i--) {
            list.add(element.get());
        }
        return list;
    }

    /** A size from min to max, the two ends one time in five each. */
    private int length(int min, int max) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> min;
            case 2, 3 -> max;
            default -> between(min, max);
        };
    }

    private int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    private long between(long min, long max) {
        return random.nextLong(min, max + 1);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    private <T> T oneOf(Supplier<? extends T>... choices) {
        return choices[random.nextInt(choices.length)].get();
    }

    // ---- formats shared with the tests -------------------------------------------------------

    static String validValue(String field) {
        return switch (field) {
            case "home_team" -> "Arsenal";
            case "away_team" -> "Chelsea";
            case "league" -> "E0";
            default -> "2024-12-01T16:30:00Z";
        };
    }

    static String validBody() {
        return "{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2024-12-01T16:30:00Z\"}";
    }

    /** A JSON string with every character outside printable ASCII escaped, so lone surrogates travel as {@code \\u} escapes of four hex digits. */
    static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** A year as ISO-8601 writes it: four digits from 0000 to 9999, else signed. */
    static String isoYear(int year) {
        if (year >= 0 && year <= 9999) {
            return String.format("%04d", year);
        }
        return year > 0 ? "+" + year : String.format("-%04d", -year);
    }

    private static String percentEncoded(byte[] bytes) {
        StringBuilder encoded = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            encoded.append('%').append(String.format("%02X", b & 0xff));
        }
        return encoded.toString();
    }

    private static String queryEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
