package dev.identitybridge.config.control;

import static dev.identitybridge.config.control.MapConfig.configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

  @Test
  void theTaskPaneAndTheDefaultAudienceAreOneUrlHoweverManySlashesTheBaseUrlEndsWith() {
    Configuration configuration =
        configuration(Map.of("identitybridge.public-base-url", " https://addin.contoso.com// "));

    assertThat(configuration.publicBaseUrl()).isEqualTo("https://addin.contoso.com");
    assertThat(configuration.taskPaneUrl())
        .isEqualTo("https://addin.contoso.com/addin/taskpane.html");
    assertThat(configuration.exchangeAudiences()).containsExactly(configuration.taskPaneUrl());
    assertThat(configuration.publicHost()).isEqualTo("addin.contoso.com");
  }

  @Test
  void listsAreCommaSeparatedWithBlanksDropped() {
    Configuration configuration =
        configuration(
            Map.of(
                "identitybridge.exchange.trusted-metadata-urls",
                " https://a.example/m , ,https://b.example/m,",
                "identitybridge.exchange.audiences",
                "https://x.example/p"));

    assertThat(configuration.trustedMetadataUrls())
        .containsExactly("https://a.example/m", "https://b.example/m");
    assertThat(configuration.exchangeAudiences()).containsExactly("https://x.example/p");
  }

  @Test
  void readsTheTrustedProxiesAsBlocksAndRefusesAnythingElse() {
    assertThat(configuration(Map.of()).trustedProxies()).isEmpty();
    assertThat(
            configuration(Map.of("identitybridge.trusted-proxies", " 10.0.0.0/8, ,2001:db8::/32"))
                .trustedProxies())
        .extracting(Object::toString)
        .containsExactly("10.0.0.0/8", "2001:db8::/32");
    assertThatThrownBy(
            () ->
                configuration(Map.of("identitybridge.trusted-proxies", "proxy.example"))
                    .trustedProxies())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proxy.example");
  }

  @Test
  void failsClosedWithoutTrustedSources() {
    assertThat(configuration(Map.of()).trustedMetadataUrls()).isEmpty();
  }

  @Test
  void everyDefaultComesFromTheProperties() {
    Configuration configuration = configuration(Map.of());

    assertThat(configuration.publicBaseUrl()).isEqualTo("http://localhost:8080");
    assertThat(configuration.clockSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(configuration.refreshInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(configuration.tokenCacheMaxEntries()).isEqualTo(100_000);
    assertThat(configuration.forcedRefreshInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(configuration.maxLoginFailures()).isEqualTo(5);
    assertThat(configuration.maxLoginFailuresPerClient()).isEqualTo(20);
    assertThat(configuration.lockout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(configuration.sandboxEnabled()).isFalse();
    assertThat(configuration.sessionCookieSecure()).isFalse();
    assertThat(configuration.frameAncestors()).contains("'self'", "https://outlook.office.com");
  }

  @Test
  void framingSourcesMayBeSeparatedBySpacesOrCommas() {
    assertThat(
            configuration(
                    Map.of(
                        "identitybridge.addin.frame-ancestors",
                        "'self' https://outlook.office.com, https://mail.contoso.com"))
                .frameAncestors())
        .containsExactly("'self'", "https://outlook.office.com", "https://mail.contoso.com");
  }

  @Test
  void theSessionCookieIsSecureForAnHttpsBaseUrlUnlessSaidOtherwise() {
    assertThat(
            configuration(Map.of("identitybridge.public-base-url", "https://a.example"))
                .sessionCookieSecure())
        .isTrue();
    assertThat(
            configuration(
                    Map.of(
                        "identitybridge.public-base-url",
                        "https://a.example",
                        "identitybridge.session-cookie-secure",
                        "false"))
                .sessionCookieSecure())
        .isFalse();
  }

  @Test
  void refusesABaseUrlThatIsNoUrl() {
    assertThatThrownBy(
            () -> configuration(Map.of("identitybridge.public-base-url", "addin.contoso.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("identitybridge.public-base-url");
  }

  @Test
  void theTokenCacheCanBeTurnedOffButNotMadeNegative() {
    assertThat(
            configuration(Map.of("identitybridge.token-cache.max-entries", "0"))
                .tokenCacheMaxEntries())
        .isZero();
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                configuration(Map.of("identitybridge.token-cache.max-entries", "-1"))
                    .tokenCacheMaxEntries())
        .withMessageContaining("identitybridge.token-cache.max-entries");
  }
}
