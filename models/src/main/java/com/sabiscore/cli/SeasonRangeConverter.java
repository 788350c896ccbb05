package com.sabiscore.cli;

import com.sabiscore.data.SeasonRange;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lets picocli read season options such as {@code --seasons 2019-2024}; a malformed one is a usage error. */
public final class SeasonRangeConverter implements ITypeConverter<SeasonRange> {

    @Override
    public SeasonRange convert(String value) {
        try {
            return SeasonRange.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
