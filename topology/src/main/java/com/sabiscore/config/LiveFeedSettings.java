package com.sabiscore.config;

import java.time.Duration;
import java.util.List;

/**
 * How {@code bin/sabiscore run} follows football-data live (the live feed connector's task run
 * in-process, after the history replay); the site is {@code download.url}.
 *
 * @param live         whether to follow it ({@code --live})
 * @param pollInterval time between two looks at the site
 * @param divisions    the divisions followed, e.g. E0, SP1
 */
public record LiveFeedSettings(boolean live, Duration pollInterval, List<String> divisions) {

    public LiveFeedSettings {
        divisions = List.copyOf(divisions);
    }
}
