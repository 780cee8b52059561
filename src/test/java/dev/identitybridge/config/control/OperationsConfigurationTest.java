package dev.identitybridge.config.control;

import static dev.identitybridge.config.control.MapConfig.configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationsConfigurationTest {

  @Test
  void metricsAreOffUntilAScrapeSecretIsSet() {
    assertThat(configuration(Map.of()).metricsToken()).isEmpty();
    assertThat(configuration(Map.of("identitybridge.metrics.token", "  ")).metricsToken())
        .isEmpty();
    assertThat(configuration(Map.of("identitybridge.metrics.token", " s3cret ")).metricsToken())
        .contains("s3cret");
  }

  @Test
  void expiryWarningAndAuditRetentionHaveDefaults() {
    Configuration defaults = configuration(Map.of());

    assertThat(defaults.keysExpiryWarning()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.auditRetention()).isEqualTo(Duration.ofDays(400));
    assertThat(
            configuration(Map.of("identitybridge.keys.expiry-warning", "P7D")).keysExpiryWarning())
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void anAuditRetentionOfNothingIsRefused() {
    assertThatThrownBy(
            () -> configuration(Map.of("identitybridge.audit.retention", "PT0S")).auditRetention())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> configuration(Map.of("identitybridge.audit.retention", "-P1D")).auditRetention())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
