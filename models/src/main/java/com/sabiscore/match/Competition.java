package com.sabiscore.match;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The competitions SabiScore knows. League codes are football-data.co.uk's {@code Div} values;
 * internationals form a second competition family played partly on neutral ground.
 */
public enum Competition {
    E0("Premier League", "England"),
    D1("Bundesliga", "Germany"),
    I1("Serie A", "Italy"),
    SP1("La Liga", "Spain"),
    F1("Ligue 1", "France"),
    INT("International", "World");

    private static final Competition[] VALUES = values();

    private final String commonName;
    private final String country;

    Competition(String commonName, String country) {
        this.commonName = commonName;
        this.country = country;
    }

    public String code() {
        return name();
    }

    public String commonName() {
        return commonName;
    }

    public String country() {
        return country;
    }

    /** Accepts the code ({@code E0}) or the common name ({@code Premier League}), any case. */
    public static Optional<Competition> parse(String codeOrName) {
        if (codeOrName == null) {
            return Optional.empty();
        }
        // the exact code is what every event carries: found without lower-casing every name
        for (Competition competition : VALUES) {
            if (competition.name().equals(codeOrName)) {
                return Optional.of(competition);
            }
        }
        String wanted = codeOrName.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(wanted)
                        || c.commonName.toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }
}
