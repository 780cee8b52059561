package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import okhttp3.tls.HeldCertificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Entra ID access tokens through HTTP, beside Exchange identity tokens: the server fetches the
 * pretend Entra's JWKS over HTTPS, follows a key rotation, keeps the last good keys while the JWKS
 * is down, accepts v1 and v2 tokens, and one account holds links of both kinds. {@link
 * EntraKeysUnavailableIT} starts with the JWKS down.
 */
class EntraTokenIT extends ServerIntegration {

  static final String EXCHANGE = "/entra-it/autodiscover/metadata/json/1";
  static final HeldCertificate EXCHANGE_KEY = FakeExchange.newSigningCertificate();
  static final FakeEntra.Key KEY = FakeEntra.SIGNER;

  @Deployment(testable = false)
  static WebArchive deployment() {
    FakeEntra.publish();
    FakeExchange.get().publish(EXCHANGE, EXCHANGE_KEY);
    return Deployments.withSeeding();
  }

  private JsonObject unpack(String token) {
    Http.Reply reply =
        http.post(
            "IdentityTestService/UnpackTokenJSON",
            "{\"token\":" + Http.quote(token) + ",\"phoneNumbers\":[]}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).doesNotContain(token);
    return reply.json();
  }

  private Http.Reply session(String token) {
    return http.postWithToken("api/session", token, "");
  }

  @Test
  void unpacksAGenuineEntraTokenWithItsKind() {
    FakeEntra.Token user = FakeEntra.token(KEY);

    JsonObject answer = unpack(user.signed());

    assertThat(answer.containsKey("error")).isFalse();
    JsonObject token = answer.getJsonObject("token");
    assertThat(token.getString("kind")).isEqualTo("entra");
    assertThat(token.getString("uniqueID")).isEqualTo(user.uniqueId());
    assertThat(token.getString("tid")).isEqualTo(FakeEntra.TENANT);
    assertThat(token.getString("oid")).isEqualTo(user.oid());
    assertThat(token.getString("scp")).isEqualTo("access_as_user");
    assertThat(token.getString("exp")).endsWith("Z");
  }

  @Test
  void refusesEntraTokensThatAreNotForThisServer() {
    FakeEntra.Token graph =
        FakeEntra.token(KEY)
            .claim("aud", "00000003-0000-0000-c000-000000000000")
            .claim("scp", "User.Read");
    assertThat(unpack(graph.signed()).getString("code")).isEqualTo("wrong_audience");

    String otherTenant =
        FakeEntra.token(KEY).tenant("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a").signed();
    Http.Reply refused = session(otherTenant);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().getString("code")).isEqualTo("tenant_not_allowed");
    assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");

    String otherApp =
        FakeEntra.token(KEY).claim("azp", "11111111-2222-3333-4444-555555555555").signed();
    assertThat(unpack(otherApp).getString("code")).isEqualTo("client_app_not_allowed");

    String appOnly = FakeEntra.token(KEY).without("scp").claim("roles", "Mail.Read").signed();
    assertThat(unpack(appOnly).getString("code")).isEqualTo("missing_scope");
  }

  @Test
  void followsAKeyRotationByFetchingTheJwksAgainForAnUnknownKid() {
    FakeEntra.Key rotated = FakeEntra.newKey();
    String token = FakeEntra.token(rotated).signed();
    // Past the rate limit of forced refreshes since any earlier fetch.
    Seed.passForcedRefreshInterval(http);
    assertThat(unpack(token).getString("code")).isEqualTo("unknown_signing_key");

    FakeEntra.publish(KEY, rotated);
    Seed.passForcedRefreshInterval(http);
    int before = FakeExchange.get().hits(FakeEntra.JWKS_PATH);

    assertThat(unpack(token).getJsonObject("token").getString("kind")).isEqualTo("entra");
    assertThat(FakeExchange.get().hits(FakeEntra.JWKS_PATH)).isEqualTo(before + 1);
  }

  @Test
  void keepsTheLastGoodKeysWhenTheJwksGoesDown() {
    String nadia = Seed.unique("nadia");
    String password = Seed.account(http, nadia, true);
    FakeEntra.Token user = FakeEntra.token(KEY);
    assertThat(Seed.link(http, user.signed(), nadia, password).status()).isEqualTo(201);

    FakeEntra.down();
    try {
      int before = FakeExchange.get().hits(FakeEntra.JWKS_PATH);
      Seed.passForcedRefreshInterval(http);
      // An unknown kid forces a refresh, which fails: the last good keys are still there.
      assertThat(unpack(FakeEntra.token(FakeEntra.newKey()).signed()).getString("code"))
          .isEqualTo("unknown_signing_key");
      assertThat(FakeExchange.get().hits(FakeEntra.JWKS_PATH)).isEqualTo(before + 1);

      // Tokens never seen before, so no cached verdict answers for the keys.
      FakeEntra.Token stranger = FakeEntra.token(KEY);
      assertThat(unpack(stranger.signed()).getJsonObject("token").getString("uniqueID"))
          .isEqualTo(stranger.uniqueId());
      Http.Reply later = session(FakeEntra.token(KEY).sameUserAs(user).signed());
      assertThat(later.status()).isEqualTo(200);
      assertThat(later.json().getJsonObject("account").getString("username")).isEqualTo(nadia);
    } finally {
      FakeEntra.publish();
    }
  }

  @Test
  void aV1TokenOpensTheSessionOfTheUserItIsLinkedTo() {
    String victor = Seed.unique("victor");
    String password = Seed.account(http, victor, true);
    FakeEntra.Token v1 = FakeEntra.token(KEY).v1();
    String token = v1.signed();

    JsonObject answer = unpack(token);
    assertThat(answer).as("no refusal").doesNotContainKey("code");
    JsonObject unpacked = answer.getJsonObject("token");
    assertThat(unpacked.getString("ver")).isEqualTo("1.0");
    assertThat(unpacked.getString("iss"))
        .isEqualTo("https://sts.windows.net/" + FakeEntra.TENANT + "/");
    assertThat(unpacked.getString("appid")).isEqualTo(FakeEntra.CLIENT_ID);
    assertThat(unpacked.getString("uniqueID")).isEqualTo(v1.uniqueId());
    assertThat(session(token).json().getString("code")).isEqualTo("link_required");
    assertThat(Seed.link(http, token, victor, password).status()).isEqualTo(201);

    Http.Reply reply = session(token);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getJsonObject("account").getString("username")).isEqualTo(victor);
    assertThat(reply.json().getJsonObject("identity").getString("realm"))
        .isEqualTo(FakeEntra.TENANT);
    // Tenant and object id make the user, whichever token version the app registration asks for.
    Http.Reply v2 = session(FakeEntra.token(KEY).sameUserAs(v1).signed());
    assertThat(v2.status()).isEqualTo(200);
    assertThat(v2.json().getJsonObject("account").getString("username")).isEqualTo(victor);
  }

  @Test
  void oneAccountHoldsAnEntraAndAnExchangeLinkAndUnlinksOneOfThem() {
    String alice = Seed.unique("alice");
    String password = Seed.account(http, alice, true);
    String entra = FakeEntra.token(KEY).signed();
    String exchange = FakeExchange.token(FakeExchange.get().url(EXCHANGE), EXCHANGE_KEY).signed();

    assertThat(session(entra).json().getString("code")).isEqualTo("link_required");
    assertThat(Seed.link(http, entra, alice, password).status()).isEqualTo(201);
    assertThat(Seed.link(http, exchange, alice, password).status()).isEqualTo(201);

    Http.Reply entraSession = session(entra);
    Http.Reply exchangeSession = session(exchange);
    assertThat(entraSession.status()).isEqualTo(200);
    assertThat(exchangeSession.status()).isEqualTo(200);
    assertThat(entraSession.json().getJsonObject("account").getString("username")).isEqualTo(alice);
    assertThat(entraSession.json().getJsonObject("identity").getString("realm"))
        .isEqualTo(FakeEntra.TENANT);
    assertThat(exchangeSession.json().getJsonObject("account").getString("username"))
        .isEqualTo(alice);

    assertThat(http.deleteWithToken("api/links/current", entra).status()).isEqualTo(204);
    assertThat(session(entra).json().getString("code")).isEqualTo("link_required");
    assertThat(session(exchange).status()).isEqualTo(200);
  }

  @Test
  void theSandboxTenantIssuesEntraTokensThatOnlyItsOwnKeyCanSign() {
    Http.Reply issued =
        http.post("api/sandbox/tokens", "{\"mailbox\":\"nora\",\"kind\":\"entra\"}");
    assertThat(issued.status()).isEqualTo(200);
    String token = ServerOutput.secret(issued.json().getString("token"));

    JsonObject unpacked = unpack(token).getJsonObject("token");
    assertThat(unpacked.getString("kind")).isEqualTo("entra");
    assertThat(unpacked.getString("tid")).isEqualTo(FakeEntra.SANDBOX_TENANT);
    assertThat(session(token).json().getString("code")).isEqualTo("link_required");

    // The sandbox tenant is not on the allowed list: a token for it signed by Entra's keys fails.
    String forged = FakeEntra.token(KEY).tenant(FakeEntra.SANDBOX_TENANT).signed();
    assertThat(unpack(forged).getString("code")).isEqualTo("tenant_not_allowed");

    Http.Reply badKind =
        http.post("api/sandbox/tokens", "{\"mailbox\":\"nora\",\"kind\":\"saml\"}");
    assertThat(badKind.status()).isEqualTo(400);
  }

  @Test
  void tellsTheTaskPaneHowToAskForAnEntraToken() {
    Http.Reply reply = http.send(http.request("api/addin/config").GET().build());

    assertThat(reply.status()).isEqualTo(200);
    JsonObject config = reply.json();
    JsonObject entra = config.getJsonObject("entra");
    assertThat(entra.getBoolean("enabled")).isTrue();
    assertThat(entra.getString("clientId")).isEqualTo(FakeEntra.CLIENT_ID);
    assertThat(entra.getString("scope"))
        .isEqualTo("api://addin.identitybridge.test/" + FakeEntra.CLIENT_ID + "/access_as_user");
    assertThat(entra.getString("authority")).isEqualTo("https://login.microsoftonline.com/common");
    assertThat(config.getJsonObject("sandbox").getBoolean("enabled")).isTrue();
  }
}
