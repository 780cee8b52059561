package dev.identitybridge.addin.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddinHeadersFilterTest {

  @Test
  void framingIsAllowedForTheConfiguredHosts() {
    assertThat(
            AddinHeadersFilter.policy(
                List.of("'self'", "https://outlook.office.com", "https://mail.contoso.com")))
        .endsWith("frame-ancestors 'self' https://outlook.office.com https://mail.contoso.com");
  }

  @Test
  void noHostsMeansNoFraming() {
    assertThat(AddinHeadersFilter.policy(List.of())).endsWith("frame-ancestors 'none'");
  }

  @Test
  void msalMayConnectToEntraSignInButLoadsNothingFromIt() {
    String policy = AddinHeadersFilter.policy(List.of("'self'"));

    assertThat(policy)
        .contains(
            "connect-src 'self' https://appsforoffice.microsoft.com"
                + " https://login.microsoftonline.com;")
        .contains("script-src 'self' https://appsforoffice.microsoft.com;")
        .contains("frame-src 'self' https://appsforoffice.microsoft.com;");
  }
}
