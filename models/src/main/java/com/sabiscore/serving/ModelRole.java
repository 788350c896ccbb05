package com.sabiscore.serving;

import java.util.Locale;

/** What a served model is for: the champion's forecasts are published and answered, the challenger's only compared. */
public enum ModelRole {
    CHAMPION, CHALLENGER;

    /** {@code champion} / {@code challenger}, as in metrics labels and JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
