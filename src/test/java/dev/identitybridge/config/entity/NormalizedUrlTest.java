package dev.identitybridge.config.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizedUrlTest {

  @ParameterizedTest
  @CsvSource({
    "https://mail.example.com/autodiscover/metadata/json/1,"
        + " https://mail.example.com:443/autodiscover/metadata/json/1",
    "HTTPS://Mail.Example.COM:443/autodiscover/metadata/json/1,"
        + " https://mail.example.com:443/autodiscover/metadata/json/1",
    "https://mail.example.com:8443/a?b=c#d, https://mail.example.com:8443/a?b=c",
    "http://localhost:8080, http://localhost:8080/",
    "http://localhost, http://localhost:80/",
    "https://[::1]/x, https://[::1]:443/x"
  })
  void writesTheComparedForm(String url, String expected) {
    assertThat(NormalizedUrl.parse(url)).get().extracting(NormalizedUrl::text).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "mail.example.com/x",
        "/autodiscover/metadata/json/1",
        "ftp://mail.example.com/x",
        "https:opaque",
        "https://user@mail.example.com/x",
        "https://mail.example.com:443@evil.example/x",
        "https://mail.example.com:443:80/x",
        "https://mail example.com/x"
      })
  void refusesWhatIsNotAnHttpUrlWithAPlainHost(String url) {
    assertThat(NormalizedUrl.parse(url)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "https://addin.example.com/taskpane.html?et=123, https://addin.example.com:443/taskpane.html",
    "https://ADDIN.example.com:443/taskpane.html#x, https://addin.example.com:443/taskpane.html"
  })
  void dropsTheQueryForAudienceComparison(String url, String expected) {
    assertThat(NormalizedUrl.parse(url).orElseThrow().withoutQuery()).isEqualTo(expected);
  }
}
