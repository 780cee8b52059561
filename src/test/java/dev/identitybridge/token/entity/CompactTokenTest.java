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

  /** Each segment is unpadded base64url; only the signature may be empty. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2ln=",
        "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ==.c2ln",
        "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2l+",
        "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2l/",
        "eyJhbGciOiJSUzI1NiJ9.eyJhIjo xfQ.c2ln",
        "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2l\u00e9",
        "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2l\u0100",
        "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2l\uD83D\uDE00",
        "eyJhbGciOiJSUzI1NiJ9\uD83D\uDE00.eyJhIjoxfQ.c2ln",
        "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ\uD83D\uDE00.c2ln",
        "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2lnc",
        "eyJhbGciOiJSUzI1NiJ9a.eyJhIjoxfQ.c2ln",
        ".eyJhIjoxfQ.c2ln",
        "eyJhbGciOiJSUzI1NiJ9..c2ln"
      })
  void refusesASegmentThatIsNotUnpaddedBase64Url(String token) {
    InvalidTokenException rejected =
        catchThrowableOfType(InvalidTokenException.class, () -> CompactToken.parse(token));
    assertThat(rejected.reason()).isEqualTo(Reason.MALFORMED_TOKEN);
    assertThat(rejected.getMessage()).contains("not base64url");
  }

  @Test
  void acceptsAnEmptySignatureSoThatAlgNoneIsReportedAsSuch() {
    assertThat(CompactToken.parse("eyJhbGciOiJub25lIn0.eyJhIjoxfQ.").signature()).isEmpty();
  }

  /** What is not exactly one JSON object in UTF-8 is malformed, never a server error. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1]",
        "\"RS256\"",
        "{\"alg\":\"RS256\"} x",
        "{\"alg\":\"RS256\"}{}",
        "\uFEFF{\"alg\":\"RS256\"}",
        "{\"alg\":\"RS256\"}\u0000",
        "{\"alg\":\"RS256\",}",
        "{'alg':'RS256'}",
        "{\"alg\":\"RS256\" /* */}",
        "{\"n\":01}",
        "{\"n\":NaN}",
        "{\"alg\":\"RS\u000156\"}",
        ""
      })
  void refusesAHeaderThatIsNotOneJsonObject(String header) {
    assertThat(rejection(b64(header) + "." + b64("{\"a\":1}") + ".c2ln"))
        .isEqualTo(Reason.MALFORMED_TOKEN);
  }

  @Test
  void refusesBytesThatAreNotUtf8() {
    byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    byte[] surrogate = {
      '{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'
    };
    for (byte[] payload : new byte[][] {overlong, surrogate}) {
      InvalidTokenException rejected =
          catchThrowableOfType(
              InvalidTokenException.class,
              () ->
                  CompactToken.parse(
                      b64("{\"alg\":\"RS256\"}")
                          + "."
                          + Base64.getUrlEncoder().withoutPadding().encodeToString(payload)
                          + ".c2ln"));
      assertThat(rejected.reason()).isEqualTo(Reason.MALFORMED_TOKEN);
      assertThat(rejected.getMessage()).contains("not UTF-8");
    }
  }

  @Test
  void readsEveryKindOfJsonValue() {
    CompactToken token =
        CompactToken.parse(
            b64("{\"alg\":\"RS256\"}")
                + "."
                + b64(
                    " {\"s\":\"Z\u00fcrich \\u00e9\",\"i\":1700000000,\"big\":123456789012345678901234,"
                        + "\"f\":1.5e3,\"t\":true,\"no\":false,\"z\":null,"
                        + "\"o\":{\"a\":[1,\"x\",{}]}} ")
                + ".c2ln");
    assertThat(token.payload().getString("s")).isEqualTo("Z\u00fcrich \u00e9");
    assertThat(token.payload().getJsonNumber("i").longValueExact()).isEqualTo(1_700_000_000L);
    assertThat(token.payload().getJsonNumber("big").bigIntegerValueExact())
        .isEqualTo(new java.math.BigInteger("123456789012345678901234"));
    assertThat(token.payload().getJsonNumber("f").doubleValue()).isEqualTo(1500.0);
    assertThat(token.payload().getBoolean("t")).isTrue();
    assertThat(token.payload().getBoolean("no")).isFalse();
    assertThat(token.payload().isNull("z")).isTrue();
    assertThat(token.payload().getJsonObject("o").getJsonArray("a").getString(1)).isEqualTo("x");
    assertThat(token.signedPart())
        .isEqualTo(token.text().substring(0, token.text().lastIndexOf('.')));
  }

  @Test
  void parsesADistinctHeaderAndPayload() {
    CompactToken token =
        CompactToken.parse(b64("{\"alg\":\"RS256\"}") + "." + b64("{\"a\":1,\"b\":2}") + ".c2ln");
    assertThat(token.header().getString("alg")).isEqualTo("RS256");
    assertThat(token.payload().getInt("b")).isEqualTo(2);
  }
}
