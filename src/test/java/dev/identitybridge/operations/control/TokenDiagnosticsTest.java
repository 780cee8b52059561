package dev.identitybridge.operations.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.operations.entity.CheckStep;
import dev.identitybridge.operations.entity.TokenReport;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.control.TokenIssuer;
import dev.identitybridge.token.control.TokenValidator;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenDiagnosticsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String EXCHANGE_HEADER =
      "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5t\":\"abc\"}";
  private static final String ENTRA_HEADER = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"k1\"}";

  private static String token(String header, String payload) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(header.getBytes(UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(UTF_8))
        + "."
        + b64.encodeToString("signature-bytes".getBytes(UTF_8));
  }

  private static String exchangePayload(Instant nbf, Instant exp) {
    return "{\"aud\":\"https://a/addin/taskpane.html\",\"appctx\":\"{\\\"msexchuid\\\":\\\"u1\\\"}\","
        + "\"nbf\":"
        + nbf.getEpochSecond()
        + ",\"exp\":"
        + exp.getEpochSecond()
        + "}";
  }

  /** A validator whose only issuer answers with the given reason, or accepts. */
  private static TokenDiagnostics diagnostics(Reason reason, Map<String, String> links) {
    TokenIssuer issuer =
        new TokenIssuer() {
          @Override
          public boolean recognises(CompactToken token) {
            return true;
          }

          @Override
          public Identity validate(CompactToken token) {
            if (reason != null) {
              throw new InvalidTokenException(reason, "Because " + reason.code() + ".");
            }
            boolean entra = token.payload().containsKey("tid");
            return new Identity(
                entra ? TokenKind.ENTRA_ACCESS : TokenKind.EXCHANGE_IDENTITY,
                "UNIQUE-1",
                "realm",
                NOW.plusSeconds(60),
                Map.of());
          }
        };
    return new TokenDiagnostics(
        new TokenValidator(List.of(issuer)),
        id -> Optional.ofNullable(links.get(id)),
        Duration.ofMinutes(5),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static List<String> verdicts(TokenReport report) {
    return report.steps().stream().map(s -> s.name() + "=" + s.verdict()).toList();
  }

  @Test
  void anExpiredTokenPassesEveryStepBeforeTheTimeWindowAndShowsTheActualSkew() {
    String token =
        token(
            EXCHANGE_HEADER,
            exchangePayload(NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(3))));

    TokenReport report = diagnostics(Reason.TOKEN_EXPIRED, Map.of()).check(token);

    assertThat(report.kind()).isEqualTo("exchange");
    assertThat(report.outcome()).isEqualTo("token_expired");
    assertThat(report.steps())
        .extracting(CheckStep::verdict)
        .containsExactly(
            "passed",
            "passed",
            "passed",
            "passed",
            "passed",
            "passed",
            "passed",
            "failed",
            "not reached",
            "not reached");
    CheckStep time = report.steps().get(7);
    assertThat(time.name()).isEqualTo("Time window");
    assertThat(time.detail())
        .contains("token_expired", "ended 3 h 0 min ago", "allowed skew 5 min 0 s");
    assertThat(report.claims()).containsEntry("appctx", "{\"msexchuid\":\"u1\"}");
    assertThat(report.header()).containsEntry("x5t", "abc");
    assertThat(report.toString()).doesNotContain(token, "signature-bytes");
    assertThat(report.uniqueId()).isNull();
  }

  @Test
  void eachReasonFailsItsOwnStep() {
    String exchange = token(EXCHANGE_HEADER, exchangePayload(NOW, NOW.plusSeconds(600)));
    Map<Reason, String> expected =
        Map.of(
            Reason.UNSUPPORTED_ALGORITHM, "Algorithm (RS256 only)",
            Reason.MISSING_KEY_ID, "Key id",
            Reason.MALFORMED_TOKEN, "Required claims and version",
            Reason.UNTRUSTED_METADATA_URL, "Trusted metadata URL (amurl)",
            Reason.UNKNOWN_SIGNING_KEY, "Signing key found",
            Reason.BAD_SIGNATURE, "Signature",
            Reason.WRONG_AUDIENCE, "Audience",
            Reason.WRONG_ISSUER, "Issuer");
    expected.forEach(
        (reason, step) -> {
          TokenReport report = diagnostics(reason, Map.of()).check(exchange);
          List<CheckStep> failed =
              report.steps().stream().filter(s -> s.verdict().equals("failed")).toList();
          assertThat(failed).as(reason.code()).hasSize(1);
          assertThat(failed.get(0).name()).as(reason.code()).isEqualTo(step);
        });
  }

  @Test
  void entraTokensFollowTheEntraOrder() {
    String entra =
        token(
            ENTRA_HEADER,
            "{\"ver\":\"2.0\",\"tid\":\"t\",\"nbf\":"
                + NOW.getEpochSecond()
                + ",\"exp\":"
                + (NOW.getEpochSecond() + 600)
                + "}");

    TokenReport report = diagnostics(Reason.TENANT_NOT_ALLOWED, Map.of()).check(entra);

    assertThat(report.kind()).isEqualTo("entra");
    assertThat(verdicts(report))
        .startsWith(
            "Structure (size, three segments, JSON)=passed",
            "Algorithm (RS256 only)=passed",
            "Key id=passed",
            "Required claims and version=passed",
            "Tenant allowed=failed",
            "Issuer=not reached")
        .endsWith("Scope=not reached");
    assertThat(diagnostics(Reason.MISSING_SCOPE, Map.of()).check(entra).steps().get(11).verdict())
        .isEqualTo("failed");
  }

  @Test
  void somethingThatIsNoTokenFailsTheStructure() {
    TokenReport report = diagnostics(null, Map.of()).check("not-a-token");

    assertThat(report.kind()).isEqualTo("unknown");
    assertThat(report.outcome()).isEqualTo("malformed_token");
    assertThat(report.steps().get(0).verdict()).isEqualTo("failed");
    assertThat(report.steps().get(1).verdict()).isEqualTo("not reached");
    assertThat(report.claims()).isEmpty();
  }

  @Test
  void aValidTokenShowsItsUniqueIdAndLinkedAccount() {
    String token =
        token(EXCHANGE_HEADER, exchangePayload(NOW.minusSeconds(60), NOW.plusSeconds(600)));

    TokenReport report = diagnostics(null, Map.of("UNIQUE-1", "carla")).check(token);

    assertThat(report.valid()).isTrue();
    assertThat(report.uniqueId()).isEqualTo("UNIQUE-1");
    assertThat(report.account()).isEqualTo("carla");
    assertThat(report.steps()).allSatisfy(s -> assertThat(s.verdict()).isEqualTo("passed"));
    assertThat(report.steps().get(7).detail()).contains("current, 10 min 0 s left");
  }
}
