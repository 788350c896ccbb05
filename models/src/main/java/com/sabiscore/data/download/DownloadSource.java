package com.sabiscore.data.download;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where history is downloaded from: a site laid out as football-data.co.uk is
 * ({@code {base}/mmz4281/{yyZZ}/{Div}.csv}), so a mirror of it works, and the full address of the
 * international {@code results.csv}.
 *
 * @param leagues       the football-data site or a mirror of it
 * @param international the international results file itself
 */
public record DownloadSource(URI leagues, URI international) {

    public static final String LEAGUES_ENV = "SABISCORE_DOWNLOAD_URL";
    public static final String INTERNATIONAL_ENV = "SABISCORE_INTERNATIONAL_URL";
    public static final String DEFAULT_LEAGUES_URL = "https://www.football-data.co.uk";
    public static final String DEFAULT_INTERNATIONAL_URL =
            "https://raw.githubusercontent.com/martj42/international_results/master/results.csv";

    public DownloadSource {
        requireHttp(leagues, "download URL");
        requireHttp(international, "international results URL");
    }

    /** football-data.co.uk and martj42/international_results on GitHub. */
    public static DownloadSource defaults() {
        return new DownloadSource(URI.create(DEFAULT_LEAGUES_URL), URI.create(DEFAULT_INTERNATIONAL_URL));
    }

    /** The defaults, each replaced by {@code SABISCORE_DOWNLOAD_URL} / {@code SABISCORE_INTERNATIONAL_URL} when set. */
    public static DownloadSource fromEnvironment(Map<String, String> environment) {
        return new DownloadSource(
                parse(environment.getOrDefault(LEAGUES_ENV, ""), DEFAULT_LEAGUES_URL, LEAGUES_ENV),
                parse(environment.getOrDefault(INTERNATIONAL_ENV, ""), DEFAULT_INTERNATIONAL_URL, INTERNATIONAL_ENV));
    }

    /** This source with either address replaced where {@code leaguesUrl} / {@code internationalUrl} is given (not null). */
    public DownloadSource with(URI leaguesUrl, URI internationalUrl) {
        return new DownloadSource(leaguesUrl != null ? leaguesUrl : leagues,
                internationalUrl != null ? internationalUrl : international);
    }

    /** football-data's address for a season: {@code mmz4281/2324/E0.csv} is E0 2023-24. */
    public URI seasonFile(String division, int startYear) {
        String base = leagues.toString().replaceAll("/+$", "");
        return URI.create(String.format("%s/mmz4281/%02d%02d/%s.csv", base, startYear % 100, (startYear + 1) % 100, division));
    }

    /**
     * Reads an http(s) address; blank gives {@code fallback}.
     *
     * @param origin names the value in the error, e.g. the environment variable
     * @throws IllegalArgumentException when the value is not an http or https URL
     */
    public static URI parse(String text, String fallback, String origin) {
        String value = text == null || text.isBlank() ? fallback : text.strip();
        try {
            URI uri = new URI(value);
            requireHttp(uri, origin);
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(origin + " is not a URL: '" + value + "' (" + e.getReason() + ")");
        }
    }

    private static void requireHttp(URI uri, String what) {
        boolean http = uri != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        if (!http || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an http:// or https:// URL with a host, got '" + uri + "'");
        }
    }
}
