package dev.identitybridge.addin.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddinHeadersFilterTest {

  @Test
  void framingIsAllowedForTheConfiguredHostsWhetherSeparatedBySpacesOrCommas() {
    assertThat(
            AddinHeadersFilter.policy(
                "'self' https://outlook.office.com, https://mail.contoso.com"))
        .endsWith("frame-ancestors 'self' https://outlook.office.com https://mail.contoso.com");
  }

  @Test
  void noHostsMeansNoFraming() {
    assertThat(AddinHeadersFilter.policy(" ")).endsWith("frame-ancestors 'none'");
  }
}
