package com.sabiscore.betting;

import java.util.Locale;

/** How far to trust a prediction. */
public enum Confidence {
    HIGH, MEDIUM, LOW;

    /** {@code high}, {@code medium} or {@code low}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
