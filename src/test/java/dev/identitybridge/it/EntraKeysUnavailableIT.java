package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Entra ID's JWKS is down from the moment the server starts, so it has no Entra key at all: our
 * side cannot check an Entra token, which the account API answers with 503 {@code
 * metadata_unavailable} (not a 401 that would blame the token) and the sample endpoint with its
 * usual 200. Once the JWKS answers again, the next token is checked without a restart. A class of
 * its own because its server must never have fetched the JWKS well; {@link EntraTokenIT} covers the
 * JWKS going down after a good fetch.
 */
class EntraKeysUnavailableIT extends ServerIntegration {

  @Deployment(testable = false)
  static WebArchive deployment() {
    FakeEntra.down();
    return Deployments.withSeeding();
  }

  /** The test classes after this one find the JWKS as they expect it. */
  @AfterAll
  static void jwksBackUp() {
    FakeEntra.publish();
  }

  private Http.Reply unpack(String token) {
    return http.post(
        "IdentityTestService/UnpackTokenJSON",
        "{\"token\":" + Http.quote(token) + ",\"phoneNumbers\":[]}");
  }

  @Test
  void refusesWithMetadataUnavailableUntilTheJwksAnswersAgain() {
    String token = FakeEntra.token().signed();
    // However long since the start-up fetch failed, this request may fetch again (and fail).
    Seed.passForcedRefreshInterval(http);

    Http.Reply sample = unpack(token);
    assertThat(sample.status()).isEqualTo(200);
    JsonObject refusal = sample.json();
    assertThat(refusal.getString("code")).isEqualTo("metadata_unavailable");
    assertThat(refusal.getString("error"))
        .isEqualTo(refusal.getString("errorMessage"))
        .isEqualTo("Entra ID's signing keys cannot be loaded right now.");
    assertThat(refusal.containsKey("token")).isFalse();

    Http.Reply session = http.postWithToken("api/session", token, "");
    assertThat(session.status()).isEqualTo(503);
    assertThat(session.contentType()).startsWith("application/problem+json");
    assertThat(session.json().getString("code")).isEqualTo("metadata_unavailable");
    assertThat(session.body()).doesNotContain(token);

    FakeEntra.publish();
    Seed.passForcedRefreshInterval(http);

    assertThat(unpack(token).json().getJsonObject("token").getString("kind")).isEqualTo("entra");
    assertThat(http.postWithToken("api/session", token, "").json().getString("code"))
        .isEqualTo("link_required");
  }
}
