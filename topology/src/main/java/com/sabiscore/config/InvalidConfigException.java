package com.sabiscore.config;

import java.util.List;

/** The configuration cannot be used; the message lists every problem found, one per line. */
public final class InvalidConfigException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("invalid configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
