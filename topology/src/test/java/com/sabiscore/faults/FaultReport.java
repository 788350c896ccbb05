package com.sabiscore.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a fault scenario did and checked, line by line with its counts, and the violations found.
 * A scenario passes when it found none. Lines are printed as they are added, so a long run shows
 * where it is.
 */
final class FaultReport {

    private final String title;
    private final List<String> lines = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final boolean echo;

    /** @param echo also print each line to standard output as it is added */
    FaultReport(String title, boolean echo) {
        this.title = title;
        this.echo = echo;
        if (echo) {
            System.out.println("== " + title);
        }
    }

    String title() {
        return title;
    }

    /** Something done or measured. */
    void line(String format, Object... args) {
        add("  " + String.format(Locale.ROOT, format, args));
    }

    /** A broken promise: the scenario fails. */
    void violation(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        violations.add(text);
        add("  VIOLATION " + text);
    }

    /** {@code ok} is checked: a line when it holds, a violation when it does not. */
    void expect(boolean ok, String format, Object... args) {
        if (ok) {
            line("ok: " + format, args);
        } else {
            violation(format, args);
        }
    }

    /** The lines and violations of {@code other} (a check run inside this scenario), indented under it. */
    void include(FaultReport other) {
        add("  -- " + other.title);
        other.lines.forEach(l -> add("  " + l));
        violations.addAll(other.violations);
    }

    private void add(String text) {
        lines.add(text);
        if (echo) {
            System.out.println(text);
        }
    }

    boolean passed() {
        return violations.isEmpty();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /** One line: {@code PASS title} or {@code FAIL title: n violations}. */
    String verdict() {
        return passed() ? "PASS " + title : "FAIL " + title + ": " + violations.size() + " violation(s)";
    }

    /** The whole report, as printed. */
    String text() {
        StringBuilder out = new StringBuilder("== ").append(title).append('\n');
        lines.forEach(l -> out.append(l).append('\n'));
        return out.append(verdict()).append('\n').toString();
    }
}
