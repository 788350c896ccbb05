package com.sabiscore.data.download;

import java.net.URI;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where downloads come from, for every command that may download history. */
public final class SourceOptions {

    @Option(names = "--download-url", paramLabel = "URL", converter = HttpUrl.class,
            description = "site laid out as football-data.co.uk ({base}/mmz4281/{yyZZ}/{Div}.csv), e.g. a mirror; "
                    + "default: $" + DownloadSource.LEAGUES_ENV + ", else " + DownloadSource.DEFAULT_LEAGUES_URL)
    URI leagues;

    @Option(names = "--international-url", paramLabel = "URL", converter = HttpUrl.class,
            description = "the international results.csv itself; default: $" + DownloadSource.INTERNATIONAL_ENV
                    + ", else martj42/international_results on GitHub")
    URI international;

    /** {@code configured} (the environment or the configuration) with what these flags name on top. */
    public DownloadSource over(DownloadSource configured) {
        return configured.with(leagues, international);
    }

    /** Accepts only http(s) addresses, so a typo is a usage error rather than a failed download. */
    static final class HttpUrl implements ITypeConverter<URI> {
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
