package dev.identitybridge.token.entity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactTokenTest {

  static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(UTF_8));
  }

  static Reason rejection(String token) {
    InvalidTokenException rejected =
        catchThrowableOfType(InvalidTokenException.class, () -> CompactToken.parse(token));
    assertThat(rejected).as("rejection").isNotNull();
    return rejected.reason();
  }

  /**
   * A duplicated member means two readers of the same token may see two different values (the first
   * or the last); the token is refused rather than guessed at.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"alg\":\"none\",\"typ\":\"JWT\",\"alg\":\"RS256\"}",
        "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"alg\":\"none\"}",
        "{\"alg\":\"RS256\",\"kid\":\"a\",\"kid\":\"b\"}"
      })
  void refusesAHeaderWithADuplicatedMember(String header) {
    assertThat(rejection(b64(header) + "." + b64("{\"a\":1}") + ".c2ln"))
        .isEqualTo(Reason.MALFORMED_TOKEN);
  }

  @Test
  void refusesAPayloadWithADuplicatedMember() {
    assertThat(
            rejection(
                b64("{\"alg\":\"RS256\"}") + "." + b64("{\"tid\":\"a\",\"tid\":\"b\"}") + ".c2ln"))
        .isEqualTo(Reason.MALFORMED_TOKEN);
  }

  @Test
  void refusesDuplicatesInsideAJsonStringClaimToo() {
    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class,
            () -> CompactToken.jsonObject("{\"amurl\":\"a\",\"amurl\":\"b\"}", "appctx"));
    assertThat(rejected.reason()).isEqualTo(Reason.MALFORMED_TOKEN);
  }

  @Test
  void refusesJsonNestedDeeperThanAnyTokenNeeds() {
    String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThat(rejection(b64("{\"alg\":\"RS256\"}") + "." + b64(deep) + ".c2ln"))
        .isEqualTo(Reason.MALFORMED_TOKEN);
  }

  @Test
  void parsesADistinctHeaderAndPayload() {
    CompactToken token =
        CompactToken.parse(b64("{\"alg\":\"RS256\"}") + "." + b64("{\"a\":1,\"b\":2}") + ".c2ln");
    assertThat(token.header().getString("alg")).isEqualTo("RS256");
    assertThat(token.payload().getInt("b")).isEqualTo(2);
  }
}
