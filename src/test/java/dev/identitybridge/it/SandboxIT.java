package dev.identitybridge.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A newcomer tries the whole flow without Exchange: the server under test runs with the sandbox
 * issuer on (pom.xml), hands out a token for a made-up mailbox, and that token links, authenticates
 * and unlinks like an Exchange token.
 */
class SandboxIT extends ServerIntegration {

  static final String SANDBOX_AMURL =
      "https://sandbox.identitybridge.invalid:443/autodiscover/metadata/json/1";
  static final String SANDBOX_PRINCIPAL =
      "00000002-0000-0ff1-ce00-000000000000@sandbox.identitybridge.invalid";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withSeeding();
  }

  private Http.Reply requestToken(String body) {
    return http.post("api/sandbox/tokens", body);
  }

  private String sandboxToken(String mailbox) {
    Http.Reply reply = requestToken("{\"mailbox\":" + Http.quote(mailbox) + "}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).contains("no-store");
    return ServerOutput.secret(reply.json().getString("token"));
  }

  private Http.Reply session(String token) {
    return http.postWithToken("api/session", token, "");
  }

  private JsonObject unpack(String token) {
    Http.Reply reply =
        http.post(
            "IdentityTestService/UnpackTokenJSON",
            "{\"token\":" + Http.quote(token) + ",\"phoneNumbers\":[]}");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }

  private static JsonObject header(String token) {
    String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), UTF_8);
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static String msexchuid(String mailbox) {
    byte[] name = ("sandbox:" + mailbox.toLowerCase(Locale.ROOT)).getBytes(UTF_8);
    return UUID.nameUUIDFromBytes(name).toString();
  }

  @Test
  void aNewcomerLinksASandboxMailboxUsesItAndUnlinksIt() {
    Http.Reply status = http.send(http.request("api/sandbox").GET().build());
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().getBoolean("enabled")).isTrue();

    String mailbox = Seed.unique("alice");
    String token = sandboxToken(mailbox);

    Http.Reply before = session(token);
    assertThat(before.status()).isEqualTo(401);
    assertThat(before.json().getString("code")).isEqualTo("link_required");

    String username = Seed.unique("alice");
    String password = Seed.account(http, username, true);
    Http.Reply linked = Seed.link(http, token, username, password);
    assertThat(linked.status()).isEqualTo(201);

    Http.Reply after = session(token);
    assertThat(after.status()).isEqualTo(200);
    JsonObject identity = after.json().getJsonObject("identity");
    assertThat(after.json().getJsonObject("account").getString("username")).isEqualTo(username);
    assertThat(identity.getString("realm")).isEqualTo("sandbox.identitybridge.invalid");
    assertThat(identity.getString("amurl")).isEqualTo(SANDBOX_AMURL);
    assertThat(identity.getString("msexchuid")).isEqualTo(msexchuid(mailbox));
    assertThat(identity.getString("uniqueID"))
        .isEqualTo(FakeExchange.uniqueId(SANDBOX_AMURL, msexchuid(mailbox)));

    JsonObject unpacked = unpack(token);
    JsonObject claims = unpacked.getJsonObject("token");
    assertThat(claims.getString("iss")).isEqualTo(SANDBOX_PRINCIPAL);
    assertThat(claims.getString("appctxsender")).isEqualTo(SANDBOX_PRINCIPAL);
    assertThat(claims.getString("aud")).isEqualTo(FakeExchange.AUDIENCE);
    assertThat(claims.getString("amurl")).isEqualTo(SANDBOX_AMURL);
    assertThat(claims.getString("version")).isEqualTo("ExIdTok.V1");
    assertThat(claims.getString("x5t")).isEqualTo(header(token).getString("x5t"));
    assertThat(claims.getBoolean("isbrowserhostedapp")).isTrue();
    assertThat(unpacked.getJsonObject("link").getBoolean("linked")).isTrue();
    assertThat(unpacked.getJsonObject("link").getString("username")).isEqualTo(username);

    assertThat(http.deleteWithToken("api/links/current", token).status()).isEqualTo(204);
    assertThat(session(token).json().getString("code")).isEqualTo("link_required");

    String everything = before.body() + linked.body() + after.body();
    assertThat(everything).doesNotContain(token).doesNotContain(password);
  }

  @Test
  void aSandboxMailboxIsTheSameUserInEveryTokenWhateverTheCase() {
    String mailbox = Seed.unique("bob");

    String first = unpack(sandboxToken(mailbox)).getJsonObject("token").getString("uniqueID");
    String again =
        unpack(sandboxToken(mailbox.toUpperCase(Locale.ROOT)))
            .getJsonObject("token")
            .getString("uniqueID");
    String other =
        unpack(sandboxToken(Seed.unique("carol"))).getJsonObject("token").getString("uniqueID");

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void publishesItsSigningCertificateInExchangesMetadataFormat() throws Exception {
    String x5t = header(sandboxToken(Seed.unique("dave"))).getString("x5t");

    Http.Reply reply = http.send(http.request("api/sandbox/metadata").GET().build());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonObject document = reply.json();
    JsonObject key = document.getJsonArray("keys").getJsonObject(0);
    assertThat(key.getString("usage")).isEqualTo("signing");
    assertThat(key.getJsonObject("keyinfo").getString("x5t")).isEqualTo(x5t);
    assertThat(key.getJsonObject("keyvalue").getString("type")).isEqualTo("x509Certificate");
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        Base64.getDecoder()
                            .decode(key.getJsonObject("keyvalue").getString("value"))));
    byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
    assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(sha1)).isEqualTo(x5t);
    assertThat(document.getJsonArray("endpoints").getJsonObject(0).getString("location"))
        .isEqualTo(SANDBOX_AMURL);
  }

  @Test
  void refusesAMailboxNameThatIsNotOneWithAProblem() {
    for (String body :
        new String[] {
          "{\"mailbox\":\"\"}",
          "{\"mailbox\":\"alice smith\"}",
          "{\"mailbox\":\"" + "a".repeat(65) + "\"}",
          "{}"
        }) {
      Http.Reply reply = requestToken(body);

      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.contentType()).as(body).startsWith("application/problem+json");
      assertThat(reply.json().getString("code")).as(body).isEqualTo("invalid_request");
      assertThat(reply.json().getString("detail")).as(body).contains("mailbox");
    }
    assertThat(requestToken("mailbox=alice").status()).isEqualTo(400);
  }
}
