package dev.identitybridge.operations.control;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.operations.entity.CheckStep;
import dev.identitybridge.operations.entity.TokenReport;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.control.TokenValidator;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Explains why a token passes or fails, without a second implementation of the checks: the token
 * goes through the real validator ({@link TokenValidator#diagnose}, which is not traffic: no cache,
 * no counters), and the reason code of the first failing check says which step failed (DESIGN.md
 * lists the steps per kind: every step before it passed, the rest were not reached). The header and
 * claims are decoded for display; the signature never is.
 */
public class TokenDiagnostics {

  private record Step(String name, Set<Reason> reasons) {}

  private static final Step STRUCTURE =
      new Step(
          "Structure (size, three segments, JSON)",
          EnumSet.of(Reason.MALFORMED_TOKEN, Reason.TOKEN_TOO_LARGE));
  private static final Step ALGORITHM =
      new Step("Algorithm (RS256 only)", EnumSet.of(Reason.UNSUPPORTED_ALGORITHM));
  private static final Step KEY_ID = new Step("Key id", EnumSet.of(Reason.MISSING_KEY_ID));

  /** Also where a parsed token's missing or malformed claims fail (malformed_token). */
  private static final Step CLAIMS =
      new Step("Required claims and version", EnumSet.of(Reason.WRONG_VERSION));

  private static final Step KEY_FOUND =
      new Step(
          "Signing key found", EnumSet.of(Reason.UNKNOWN_SIGNING_KEY, Reason.METADATA_UNAVAILABLE));
  private static final Step SIGNATURE = new Step("Signature", EnumSet.of(Reason.BAD_SIGNATURE));
  private static final Step TIME =
      new Step("Time window", EnumSet.of(Reason.TOKEN_EXPIRED, Reason.TOKEN_NOT_YET_VALID));
  private static final Step AUDIENCE = new Step("Audience", EnumSet.of(Reason.WRONG_AUDIENCE));
  private static final Step ISSUER = new Step("Issuer", EnumSet.of(Reason.WRONG_ISSUER));

  /** DESIGN.md, "Validating an Exchange identity token". */
  static final List<Step> EXCHANGE =
      List.of(
          STRUCTURE,
          ALGORITHM,
          KEY_ID,
          CLAIMS,
          new Step("Trusted metadata URL (amurl)", EnumSet.of(Reason.UNTRUSTED_METADATA_URL)),
          KEY_FOUND,
          SIGNATURE,
          TIME,
          AUDIENCE,
          ISSUER);

  /** DESIGN.md, "Validating an Entra ID access token". */
  static final List<Step> ENTRA =
      List.of(
          STRUCTURE,
          ALGORITHM,
          KEY_ID,
          CLAIMS,
          new Step("Tenant allowed", EnumSet.of(Reason.TENANT_NOT_ALLOWED)),
          ISSUER,
          KEY_FOUND,
          SIGNATURE,
          TIME,
          AUDIENCE,
          new Step("Client app allowed", EnumSet.of(Reason.CLIENT_APP_NOT_ALLOWED)),
          new Step("Scope", EnumSet.of(Reason.MISSING_SCOPE)));

  private final TokenValidator validator;
  private final Function<String, Optional<String>> linkedAccount;
  private final Clock clock;
  private final Duration skew;

  /**
   * @param linkedAccount the username linked to a uniqueID
   */
  public TokenDiagnostics(
      TokenValidator validator,
      Function<String, Optional<String>> linkedAccount,
      Configuration configuration,
      Clock clock) {
    this(validator, linkedAccount, configuration.clockSkew(), clock);
  }

  public TokenDiagnostics(
      TokenValidator validator,
      Function<String, Optional<String>> linkedAccount,
      Duration skew,
      Clock clock) {
    this.validator = validator;
    this.linkedAccount = linkedAccount;
    this.skew = skew;
    this.clock = clock;
  }

  public TokenReport check(String token) {
    Optional<CompactToken> parsed = parse(token);
    TokenKind kind = parsed.map(TokenDiagnostics::kindOf).orElse(null);
    Map<String, String> header = parsed.map(p -> display(p.header())).orElse(Map.of());
    Map<String, String> claims = parsed.map(p -> display(p.payload())).orElse(Map.of());
    String timeDetail = parsed.map(p -> timeWindow(p.payload())).orElse("");
    List<Step> steps = kind == TokenKind.ENTRA_ACCESS ? ENTRA : EXCHANGE;
    try {
      Identity identity = validator.diagnose(token);
      List<CheckStep> passed = new ArrayList<>();
      for (Step step : steps) {
        passed.add(new CheckStep(step.name(), CheckStep.PASSED, step == TIME ? timeDetail : ""));
      }
      return new TokenReport(
          identity.kind().code(),
          "valid",
          "The token is genuine, current and meant for this server.",
          passed,
          header,
          claims,
          identity.uniqueID(),
          linkedAccount.apply(identity.uniqueID()).orElse(null));
    } catch (InvalidTokenException e) {
      List<CheckStep> report = new ArrayList<>();
      boolean reached = true;
      for (Step step : steps) {
        if (!reached) {
          report.add(new CheckStep(step.name(), CheckStep.NOT_REACHED, ""));
        } else if (failedAt(step, e.reason(), parsed.isPresent())) {
          String detail = e.reason().code() + ": " + e.getMessage();
          report.add(
              new CheckStep(
                  step.name(),
                  CheckStep.FAILED,
                  step == TIME ? detail + " " + timeDetail : detail));
          reached = false;
        } else {
          report.add(new CheckStep(step.name(), CheckStep.PASSED, step == TIME ? timeDetail : ""));
        }
      }
      return new TokenReport(
          kind == null ? "unknown" : kind.code(),
          e.reason().code(),
          e.getMessage(),
          report,
          header,
          claims,
          null,
          null);
    }
  }

  /** A token that parsed can only be malformed in its claims, after the header's checks. */
  private static boolean failedAt(Step step, Reason reason, boolean parsed) {
    if (reason == Reason.MALFORMED_TOKEN && parsed) {
      return step == CLAIMS;
    }
    return step.reasons().contains(reason);
  }

  private static Optional<CompactToken> parse(String token) {
    try {
      return Optional.of(CompactToken.parse(token));
    } catch (InvalidTokenException e) {
      return Optional.empty();
    }
  }

  /** The kind a token claims by its shape, as the validator decides it. */
  static TokenKind kindOf(CompactToken token) {
    if (token.payload().containsKey("appctx")) {
      return TokenKind.EXCHANGE_IDENTITY;
    }
    return token.payload().containsKey("tid") ? TokenKind.ENTRA_ACCESS : null;
  }

  /** nbf and exp against this server's clock: the actual skew an admin needs to see. */
  String timeWindow(JsonObject claims) {
    Optional<Instant> nbf = seconds(claims.get("nbf"));
    Optional<Instant> exp = seconds(claims.get("exp"));
    if (nbf.isEmpty() || exp.isEmpty()) {
      return "";
    }
    Instant now = clock.instant();
    String position;
    if (now.isBefore(nbf.get())) {
      position = "starts " + human(Duration.between(now, nbf.get())) + " from now";
    } else if (now.isAfter(exp.get())) {
      position = "ended " + human(Duration.between(exp.get(), now)) + " ago";
    } else {
      position = "current, " + human(Duration.between(now, exp.get())) + " left";
    }
    return "Valid "
        + nbf.get()
        + " to "
        + exp.get()
        + "; this server's clock says "
        + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + ": "
        + position
        + " (allowed skew "
        + human(skew)
        + ").";
  }

  private static Optional<Instant> seconds(JsonValue value) {
    try {
      if (value instanceof JsonNumber number) {
        return Optional.of(Instant.ofEpochSecond(number.longValueExact()));
      }
      if (value instanceof JsonString text) {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(text.getString().strip())));
      }
    } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
      // Not a time: the validator reports the claim as malformed.
    }
    return Optional.empty();
  }

  static String human(Duration duration) {
    long seconds = Math.abs(duration.toSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }

  private static Map<String, String> display(JsonObject object) {
    Map<String, String> shown = new LinkedHashMap<>();
    object.forEach(
        (name, value) ->
            shown.put(
                name, value instanceof JsonString text ? text.getString() : value.toString()));
    return shown;
  }
}
