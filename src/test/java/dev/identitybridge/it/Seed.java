package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Test data through the test-only {@link SeedServlet} ({@link Deployments#withSeeding()}). */
public final class Seed {

  private Seed() {}

  /** A name no other test uses. */
  public static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A fresh account with the role user; its password (a remembered secret) is returned. */
  public static String account(Http http, String username, boolean enabled) {
    String password = ServerOutput.secret("pw-" + UUID.randomUUID());
    Http.Reply reply =
        http.send(
            http.request(
                    "it-seed/accounts?username="
                        + URLEncoder.encode(username, StandardCharsets.UTF_8)
                        + "&enabled="
                        + enabled
                        + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(reply.status()).as("seeding account %s", username).isEqualTo(201);
    return password;
  }

  /**
   * Links the token's mailbox to the account through the add-in's API ({@code POST /api/links}).
   */
  public static Http.Reply link(Http http, String token, String username, String password) {
    return http.postWithToken(
        "api/links",
        token,
        "{\"username\":" + Http.quote(username) + ",\"password\":" + Http.quote(password) + "}");
  }
}
