package dev.identitybridge.token.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import dev.identitybridge.token.entity.ValidationOutcome;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Every validation tells its outcome, once, without the token. */
class TokenValidatorOutcomeTest {

  private final List<ValidationOutcome> told = new ArrayList<>();

  private final Event<ValidationOutcome> recorder =
      new Event<>() {
        @Override
        public void fire(ValidationOutcome event) {
          told.add(event);
        }

        @Override
        public <U extends ValidationOutcome> CompletionStage<U> fireAsync(U event) {
          throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ValidationOutcome> CompletionStage<U> fireAsync(
            U event, NotificationOptions options) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Event<ValidationOutcome> select(Annotation... qualifiers) {
          return this;
        }

        @Override
        public <U extends ValidationOutcome> Event<U> select(
            Class<U> subtype, Annotation... qualifiers) {
          throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ValidationOutcome> Event<U> select(
            TypeLiteral<U> subtype, Annotation... qualifiers) {
          throw new UnsupportedOperationException();
        }
      };

  private static String token(String header, String payload) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(header.getBytes(UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(UTF_8))
        + ".c2ln";
  }

  private TokenValidator validator(Reason reason) {
    TokenValidator validator =
        new TokenValidator(
            List.of(
                new TokenIssuer() {
                  @Override
                  public boolean recognises(CompactToken token) {
                    return token.header().containsKey("x5t");
                  }

                  @Override
                  public Identity validate(CompactToken token) {
                    if (reason != null) {
                      throw new InvalidTokenException(reason, "no");
                    }
                    return new Identity(
                        TokenKind.EXCHANGE_IDENTITY, "U", "r", Instant.EPOCH, Map.of());
                  }
                }));
    validator.outcomes = recorder;
    return validator;
  }

  @Test
  void tellsTheKindAndOutcomeOfEveryValidation() {
    String exchange = token("{\"alg\":\"RS256\",\"x5t\":\"a\"}", "{\"appctx\":\"{}\"}");

    validator(null).validate(exchange);
    assertThatThrownBy(() -> validator(Reason.BAD_SIGNATURE).validate(exchange))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> validator(null).validate("not-a-token"))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> validator(null).validate(token("{\"kid\":\"k\"}", "{\"tid\":\"t\"}")))
        .isInstanceOf(InvalidTokenException.class);

    assertThat(told)
        .extracting(ValidationOutcome::kind, ValidationOutcome::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TokenKind.EXCHANGE_IDENTITY, "valid"),
            org.assertj.core.groups.Tuple.tuple(TokenKind.EXCHANGE_IDENTITY, "bad_signature"),
            org.assertj.core.groups.Tuple.tuple(null, "malformed_token"),
            org.assertj.core.groups.Tuple.tuple(TokenKind.ENTRA_ACCESS, "malformed_token"));
    assertThat(told).allSatisfy(o -> assertThat(o.nanos()).isPositive());
  }

  @Test
  void anAdminsCheckIsNoTrafficNeitherToldNorCountedNorCached() {
    java.time.Clock clock =
        java.time.Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), java.time.ZoneOffset.UTC);
    java.util.concurrent.atomic.AtomicInteger verified =
        new java.util.concurrent.atomic.AtomicInteger();
    TokenIssuer issuer =
        new TokenIssuer() {
          @Override
          public boolean recognises(CompactToken token) {
            return token.header().containsKey("x5t");
          }

          @Override
          public Identity validate(CompactToken token) {
            verified.incrementAndGet();
            if (token.payload().containsKey("bad")) {
              throw new InvalidTokenException(Reason.BAD_SIGNATURE, "no");
            }
            return new Identity(
                TokenKind.EXCHANGE_IDENTITY,
                "U",
                "r",
                Instant.parse("2026-03-01T13:00:00Z"),
                Map.of());
          }
        };
    Rejections rejections = new Rejections(clock);
    TokenValidator validator =
        new TokenValidator(
            List.of(issuer),
            new TokenCache(100, java.time.Duration.ofMinutes(5), clock),
            rejections);
    validator.outcomes = recorder;
    String good = token("{\"alg\":\"RS256\",\"x5t\":\"a\"}", "{\"appctx\":\"{}\"}");
    String bad = token("{\"alg\":\"RS256\",\"x5t\":\"a\"}", "{\"appctx\":\"{}\",\"bad\":1}");

    assertThat(validator.diagnose(good).uniqueID()).isEqualTo("U");
    assertThat(validator.diagnose(good).uniqueID()).isEqualTo("U");
    assertThatThrownBy(() -> validator.diagnose(bad))
        .isInstanceOf(InvalidTokenException.class)
        .extracting(e -> ((InvalidTokenException) e).reason())
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThatThrownBy(() -> validator.diagnose("not-a-token"))
        .isInstanceOf(InvalidTokenException.class);

    assertThat(told).isEmpty();
    assertThat(rejections.counts().values()).containsOnly(0L);
    assertThat(verified).hasValue(3);

    validator.validate(good);
    assertThat(verified).as("the checks filled no cache").hasValue(4);
    assertThat(told).hasSize(1);
  }
}
