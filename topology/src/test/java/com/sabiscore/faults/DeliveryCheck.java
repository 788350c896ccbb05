package com.sabiscore.faults;

import com.sabiscore.events.Prediction;
import com.sabiscore.serde.EventSerdes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compares the committed predictions of a run that went through faults with those of an
 * uninterrupted run of the same input (the reference).
 * <ul>
 *   <li>exactly-once: every fixture present, its versions 1..n each exactly once, in order and
 *       without a gap, n as in the reference, and every version (the last above all) bit-identical
 *       to the reference's;</li>
 *   <li>at-least-once: nothing lost: every fixture has a prediction and no version is skipped (a
 *       version number below a fixture's highest that never reached the topic is a prediction the
 *       app made and lost); duplicates and differing predictions are counted, not failed. The
 *       reference's (fixture, version) pairs are counted too, not failed: without exactly-once
 *       ordering an uninterrupted run re-scores a varying number of fixtures (one control run
 *       published 84,727 predictions where the reference has 55,575), so they are no fixed set.</li>
 * </ul>
 * A prediction is compared on every field but {@code sourceOffsets}: those name the input
 * records' offsets, which a run that published an event twice legitimately shifts. No field
 * depends on the wall clock: {@code asOf} is the newest input's event time, {@code kickoff} the
 * fixture's.
 */
final class DeliveryCheck {

    /** How many fixture ids each kind of violation shows. */
    private static final int EXAMPLES = 5;
    private static final Serializer<Prediction> ENCODER = EventSerdes.prediction().serializer();

    /** The two processing guarantees, by their {@code processing.guarantee} values. */
    enum Guarantee {
        EXACTLY_ONCE("exactly_once_v2"),
        AT_LEAST_ONCE("at_least_once");

        final String setting;

        Guarantee(String setting) {
            this.setting = setting;
        }

        static Guarantee of(String setting) {
            return Arrays.stream(values()).filter(g -> g.setting.equals(setting)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown guarantee " + setting + ": exactly_once_v2 or at_least_once"));
        }
    }

    private DeliveryCheck() {
    }

    /** Checks {@code run} against {@code reference} and {@code inputs} against the {@code matches} replayed. */
    static FaultReport check(Guarantee guarantee, PredictionLedger reference, PredictionLedger run, InputCounts inputs, long matches) {
        FaultReport report = new FaultReport("delivery check, " + guarantee.setting, false);
        report.line("reference: %s: %,d fixtures, %,d predictions", reference.description(), reference.fixtures(), reference.predictions());
        report.line("this run: %,d fixtures, %,d committed predictions", run.fixtures(), run.predictions());
        inputs.check(matches, report);

        Tally tally = new Tally();
        for (Map.Entry<String, List<PredictionLedger.Entry>> expected : reference.byFixture().entrySet()) {
            List<PredictionLedger.Entry> seen = run.of(expected.getKey());
            if (seen.isEmpty()) {
                tally.note("missing", expected.getKey(), "no prediction");
            } else {
                compare(expected.getKey(), expected.getValue(), seen, tally);
            }
        }
        run.byFixture().keySet().stream().filter(id -> reference.of(id).isEmpty())
                .forEach(id -> tally.note("unexpected", id, "not in the reference"));

        report.line("fixtures of the reference without any prediction: %,d; fixtures not in the reference: %,d",
                tally.count("missing"), tally.count("unexpected"));
        report.line("versions published twice or more: %,d; versions missing below a fixture's highest: %,d; fixtures out of version order: %,d",
                tally.count("duplicate"), tally.count("gap"), tally.count("out of order"));
        report.line("reference (fixture, version) pairs absent: %,d", tally.count("lost"));
        report.line("fixtures with another number of versions than the reference: %,d", tally.count("version count"));
        report.line("final predictions differing from the reference: %,d; earlier versions differing: %,d",
                tally.count("final differs"), tally.count("earlier differs"));
        report.line("predictions whose source offsets differ (not compared): %,d", tally.count("source offsets"));

        List<String> failing = guarantee == Guarantee.EXACTLY_ONCE
                ? List.of("missing", "unexpected", "lost", "duplicate", "gap", "out of order", "version count", "final differs", "earlier differs")
                : List.of("missing", "unexpected", "gap");
        for (String kind : failing) {
            if (tally.count(kind) > 0) {
                report.violation("%s: %,d, e.g. %s", kind, tally.count(kind), tally.examples(kind));
            }
        }
        if (report.passed()) {
            report.line("ok: %s", guarantee == Guarantee.EXACTLY_ONCE
                    ? "every fixture's versions 1..n exactly once, bit-identical to the uninterrupted run"
                    : "every fixture has a prediction and no version is skipped");
        }
        return report;
    }

    private static void compare(String id, List<PredictionLedger.Entry> expected, List<PredictionLedger.Entry> seen, Tally tally) {
        List<Long> versions = seen.stream().map(PredictionLedger.Entry::version).toList();
        Map<Long, PredictionLedger.Entry> seenByVersion = seen.stream()
                .collect(Collectors.toMap(PredictionLedger.Entry::version, Function.identity(), (first, later) -> later, HashMap::new));
        TreeSet<Long> distinct = new TreeSet<>(versions);
        long highest = distinct.last();
        if (distinct.size() < versions.size()) {
            tally.note("duplicate", id, versions.size() - distinct.size(), "versions " + versions);
        }
        if (highest > distinct.size()) {
            tally.note("gap", id, highest - distinct.size(), "versions " + versions);
        }
        for (int i = 1; i < versions.size(); i++) {
            if (versions.get(i) <= versions.get(i - 1)) {
                tally.note("out of order", id, "versions " + versions);
                break;
            }
        }
        long expectedHighest = expected.get(expected.size() - 1).version();
        if (highest != expectedHighest) {
            tally.note("version count", id, "versions " + versions + ", reference "
                    + expected.stream().map(PredictionLedger.Entry::version).toList());
        }
        for (PredictionLedger.Entry reference : expected) {
            PredictionLedger.Entry match = seenByVersion.get(reference.version());
            if (match == null) {
                tally.note("lost", id, "version " + reference.version());
                continue;
            }
            Prediction want = reference.prediction();
            Prediction got = match.prediction();
            if (!Arrays.equals(withoutOffsets(want), withoutOffsets(got))) {
                tally.note(reference.version() == expectedHighest ? "final differs" : "earlier differs", id, difference(want, got));
            } else if (!want.getSourceOffsets().equals(got.getSourceOffsets())) {
                tally.note("source offsets", id, "");
            }
        }
    }

    private static byte[] withoutOffsets(Prediction prediction) {
        return ENCODER.serialize(null, Prediction.newBuilder(prediction).setSourceOffsets(List.of()).build());
    }

    /** The fields that differ, for the examples. */
    private static String difference(Prediction want, Prediction got) {
        List<String> fields = new ArrayList<>();
        for (var field : Prediction.getClassSchema().getFields()) {
            if (!field.name().equals("sourceOffsets") && !Objects.equals(want.get(field.pos()), got.get(field.pos()))) {
                fields.add(field.name() + " " + want.get(field.pos()) + " -> " + got.get(field.pos()));
            }
        }
        return "v" + want.getVersion() + ": " + String.join(", ", fields);
    }

    /** Counts per kind of finding, and the first fixtures of each. */
    private static final class Tally {
        private final Map<String, Long> counts = new HashMap<>();
        private final Map<String, List<String>> examples = new HashMap<>();

        void note(String kind, String id, String detail) {
            note(kind, id, 1, detail);
        }

        void note(String kind, String id, long count, String detail) {
            counts.merge(kind, count, Long::sum);
            List<String> shown = examples.computeIfAbsent(kind, k -> new ArrayList<>());
            if (shown.size() < EXAMPLES) {
                shown.add(detail.isEmpty() ? id : id + " (" + detail + ")");
            }
        }

        long count(String kind) {
            return counts.getOrDefault(kind, 0L);
        }

        String examples(String kind) {
            return String.join("; ", examples.getOrDefault(kind, List.of()));
        }
    }
}
