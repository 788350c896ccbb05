package com.sabiscore.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The one JSON shape of the serving layer: snake_case names (the classic predict contract), absent values
 * left out rather than written as null, unknown fields ignored so instances of different versions
 * can read each other's answers.
 */
public final class JsonFormat {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonFormat() {
    }

    /** The shared, fully configured mapper (thread-safe). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
