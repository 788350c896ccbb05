package com.sabiscore.data.download;

import java.net.URI;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where the league history is downloaded from, for every command that may download it. */
public final class SourceOptions {

    @Option(names = "--download-url", paramLabel = "URL", converter = HttpUrl.class,
            description = "site laid out as football-data.co.uk ({base}/mmz4281/{yyZZ}/{Div}.csv), e.g. a mirror; "
                    + "default: $" + DownloadSource.LEAGUES_ENV + ", else " + DownloadSource.DEFAULT_LEAGUES_URL)
    URI leagues;

    /** {@code configured} (the environment or the configuration) with the league site this flag names on top. */
    public DownloadSource over(DownloadSource configured) {
        return configured.with(leagues, null);
    }

    /** Accepts only http(s) addresses, so a typo is a usage error rather than a failed download. */
    public static final class HttpUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return DownloadSource.parse(value, value, "the URL");
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
