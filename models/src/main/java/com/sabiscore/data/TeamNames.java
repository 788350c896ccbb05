package com.sabiscore.data;

import java.util.Map;

/**
 * One name per club across football-data seasons. The site's short names are stable except for a
 * few spellings in single old files; those are mapped to the name the club carries elsewhere.
 * Similar names of different clubs ({@code Leipzig} vs {@code RB Leipzig}, {@code Ajaccio GFCO} vs
 * {@code Ajaccio}) are deliberately left apart.
 */
public final class TeamNames {

    private static final Map<String, String> ALIASES = Map.of(
            "Middlesboro", "Middlesbrough",         // E0 2002-03
            "M'Gladbach", "M'gladbach",             // D1 1993-94
            "Dusseldorf", "Fortuna Dusseldorf",     // D1 1995-97; the 2012- files use the full name
            "Villareal", "Villarreal");             // SP1 1998-99

    private TeamNames() {
    }

    /** The canonical name for a football-data team name (trimmed; unknown names are returned as they are). */
    public static String canonical(String name) {
        String trimmed = name.strip();
        return ALIASES.getOrDefault(trimmed, trimmed);
    }
}
