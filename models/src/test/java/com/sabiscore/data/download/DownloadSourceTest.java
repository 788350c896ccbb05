package com.sabiscore.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownloadSourceTest {

    @Test
    void shouldAddressSeasonsExactlyAsFootballDataServesThem() {
        DownloadSource site = DownloadSource.defaults();

        assertThat(site.seasonFile("SP1", 1999)).hasToString("https://www.football-data.co.uk/mmz4281/9900/SP1.csv");
        assertThat(site.seasonFile("E0", 2023)).hasToString("https://www.football-data.co.uk/mmz4281/2324/E0.csv");
        assertThat(site.international()).hasToString(
                "https://raw.githubusercontent.com/martj42/international_results/master/results.csv");
    }

    @Test
    void shouldKeepAMirrorsPathAndIgnoreATrailingSlash() {
        DownloadSource mirror = DownloadSource.fromEnvironment(Map.of("SABISCORE_DOWNLOAD_URL", "http://mirror.local:8000/football-data/"));

        assertThat(mirror.seasonFile("D1", 2009)).hasToString("http://mirror.local:8000/football-data/mmz4281/0910/D1.csv");
    }

    @Test
    void shouldTakeEachAddressFromItsVariableAndTheFlagsOverBoth() {
        DownloadSource fromEnvironment = DownloadSource.fromEnvironment(Map.of(
                "SABISCORE_DOWNLOAD_URL", "http://leagues.local", "SABISCORE_INTERNATIONAL_URL", "http://int.local/r.csv"));

        assertThat(fromEnvironment).isEqualTo(new DownloadSource(URI.create("http://leagues.local"), URI.create("http://int.local/r.csv")));
        assertThat(fromEnvironment.with(URI.create("https://flag.local"), null))
                .isEqualTo(new DownloadSource(URI.create("https://flag.local"), URI.create("http://int.local/r.csv")));
        assertThat(DownloadSource.fromEnvironment(Map.of("SABISCORE_DOWNLOAD_URL", " "))).isEqualTo(DownloadSource.defaults());
    }

    @Test
    void shouldRefuseAnAddressThatIsNotHttp() {
        assertThatThrownBy(() -> DownloadSource.fromEnvironment(Map.of("SABISCORE_DOWNLOAD_URL", "ftp://football-data.co.uk")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SABISCORE_DOWNLOAD_URL must be an http:// or https:// URL with a host, got 'ftp://football-data.co.uk'");
        assertThatThrownBy(() -> DownloadSource.fromEnvironment(Map.of("SABISCORE_INTERNATIONAL_URL", "http://bad host/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SABISCORE_INTERNATIONAL_URL is not a URL: 'http://bad host/'");
    }
}
