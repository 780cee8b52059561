package dev.identitybridge.operations.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScrapeCredentialTest {

  private final ScrapeCredential configured = new ScrapeCredential(Optional.of("s3cret-scrape"));

  @Test
  void acceptsOnlyTheConfiguredBearerSecret() {
    assertThat(configured.accepts("Bearer s3cret-scrape")).isTrue();
    assertThat(configured.accepts("bearer s3cret-scrape")).isTrue();
    assertThat(configured.accepts("Bearer s3cret-scrapE")).isFalse();
    assertThat(configured.accepts("Bearer s3cret-scrape-and-more")).isFalse();
    assertThat(configured.accepts("Basic s3cret-scrape")).isFalse();
    assertThat(configured.accepts("s3cret-scrape")).isFalse();
    assertThat(configured.accepts("Bearer ")).isFalse();
    assertThat(configured.accepts(null)).isFalse();
  }

  @Test
  void withoutASecretTheEndpointIsOffAndAcceptsNothing() {
    ScrapeCredential off = new ScrapeCredential(Optional.empty());

    assertThat(off.configured()).isFalse();
    assertThat(off.accepts("Bearer ")).isFalse();
    assertThat(off.accepts("Bearer null")).isFalse();
  }
}
