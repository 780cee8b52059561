package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The API description, from the WAR exactly as shipped. WildFly 39's default standalone.xml has no
 * MicroProfile OpenAPI subsystem, so this runs on Payara only.
 */
@Tag("payara-only")
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "payara.*")
class OpenApiIT extends ServerIntegration {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @Test
  void describesTheAccountApiAndTheSampleEndpoint() {
    Http.Reply openapi = http.send(http.request("openapi").build());

    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body())
        .contains(
            "/api/session",
            "/api/links",
            "/api/links/current",
            "/IdentityTestService/UnpackTokenJSON",
            "ReasonCode",
            "link_required",
            "missing_scope",
            "application/problem+json",
            "addinToken");
  }

  @Test
  void describesTheLinkRequestWithItsLimits() {
    String openapi = http.send(http.request("openapi").build()).body();

    assertThat(openapi).contains("$ref: \"#/components/schemas/LinkRequest\"");
    // From its name to the next schema's, which is indented as little.
    String linkRequest =
        openapi.substring(openapi.indexOf("\n    LinkRequest:") + 1).split("\n    (?=\\S)", 2)[0];
    assertThat(linkRequest).contains("username:", "maxLength: 64", "password:", "maxLength: 1024");
  }
}
