package dev.identitybridge.entra.control;

import static dev.identitybridge.entra.control.EntraTestTokens.APP_ID_URI;
import static dev.identitybridge.entra.control.EntraTestTokens.CLIENT_ID;
import static dev.identitybridge.entra.control.EntraTestTokens.EXP;
import static dev.identitybridge.entra.control.EntraTestTokens.KID;
import static dev.identitybridge.entra.control.EntraTestTokens.NBF;
import static dev.identitybridge.entra.control.EntraTestTokens.NOW;
import static dev.identitybridge.entra.control.EntraTestTokens.OID;
import static dev.identitybridge.entra.control.EntraTestTokens.OTHER_SIGNER;
import static dev.identitybridge.entra.control.EntraTestTokens.OTHER_TENANT;
import static dev.identitybridge.entra.control.EntraTestTokens.SIGNER;
import static dev.identitybridge.entra.control.EntraTestTokens.TENANT;
import static dev.identitybridge.entra.control.EntraTestTokens.v1;
import static dev.identitybridge.entra.control.EntraTestTokens.v2;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.keys.control.KeysUnavailableException;
import dev.identitybridge.keys.control.SigningKeys;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import dev.identitybridge.token.entity.CompactToken;
import dev.identitybridge.token.entity.Identity;
import dev.identitybridge.token.entity.TokenKind;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntraTokenValidatorTest {

  static final String JWKS = "https://login.microsoftonline.com:443/common/discovery/v2.0/keys";
  static final String SANDBOX = "https://sandbox.identitybridge.invalid:443/keys";
  static final String SANDBOX_TENANT = "5a4db0c5-7e4a-4e11-8d1c-5a4db0c5e27a";
  static final String SANDBOX_KID = "sandbox-key";
  static final String TEMPLATE_ISSUER = "https://login.microsoftonline.com/{tenantid}/v2.0";
  static final Duration SKEW = Duration.ofMinutes(5);

  static final KeyPair SANDBOX_SIGNER = EntraTestTokens.rsa();

  /** Every key look-up the validator made: "source kid". */
  private final List<String> keyRequests = new CopyOnWriteArrayList<>();

  private Map<String, Map<String, SigningKey>> published =
      Map.of(
          JWKS, Map.of(KID, key(KID, SIGNER, TEMPLATE_ISSUER)),
          SANDBOX,
              Map.of(
                  SANDBOX_KID,
                  key(SANDBOX_KID, SANDBOX_SIGNER, EntraTokenValidator.v2Issuer(SANDBOX_TENANT))));

  private static SigningKey key(String kid, KeyPair keys, String issuer) {
    return new SigningKey(kid, null, null, null, 2048, (RSAPublicKey) keys.getPublic(), issuer);
  }

  private final SigningKeys keys =
      (source, kid) -> {
        keyRequests.add(source + " " + kid);
        return Optional.ofNullable(published.getOrDefault(source, Map.of()).get(kid));
      };

  private static EntraTokenValidator.Settings settings(
      List<String> tenants, boolean anyTenant, List<String> pinning) {
    return new EntraTokenValidator.Settings(
        List.of(JWKS, SANDBOX),
        pinning,
        tenants,
        anyTenant,
        List.of(CLIENT_ID, APP_ID_URI),
        List.of(CLIENT_ID),
        "access_as_user",
        SKEW);
  }

  private EntraTokenValidator validator() {
    return validator(settings(List.of(TENANT), false, List.of(SANDBOX)), NOW);
  }

  private EntraTokenValidator validator(EntraTokenValidator.Settings settings, Instant now) {
    return new EntraTokenValidator(settings, keys, Clock.fixed(now, ZoneOffset.UTC));
  }

  /** The reason the token is rejected for; also checks that the message does not echo it. */
  private static Reason rejection(EntraTokenValidator validator, String token) {
    InvalidTokenException rejected =
        catchThrowableOfType(
            InvalidTokenException.class, () -> validator.validate(CompactToken.parse(token)));
    assertThat(rejected).as("rejection of the token").isNotNull();
    assertThat(rejected.getMessage()).isNotBlank().endsWith(".");
    for (String segment : token.split("\\.")) {
      if (segment.length() > 8) {
        assertThat(rejected.getMessage()).doesNotContain(segment);
      }
    }
    return rejected.reason();
  }

  private Reason rejection(String token) {
    return rejection(validator(), token);
  }

  private Identity accepted(String token) {
    return validator().validate(CompactToken.parse(token));
  }

  private static String sha256Base64Url(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  @Test
  void acceptsAV2TokenAndIdentifiesTheUserByTenantAndObjectId() throws Exception {
    Identity identity = accepted(v2().signed());

    assertThat(identity.kind()).isEqualTo(TokenKind.ENTRA_ACCESS);
    assertThat(identity.uniqueID()).isEqualTo(sha256Base64Url(TENANT + ":" + OID)).hasSize(43);
    assertThat(identity.realm()).isEqualTo(TENANT);
    assertThat(identity.expiresAt()).isEqualTo(EXP);
    assertThat(identity.claims())
        .containsEntry("kind", "entra")
        .containsEntry("tid", TENANT)
        .containsEntry("oid", OID)
        .containsEntry("aud", CLIENT_ID)
        .containsEntry("azp", CLIENT_ID)
        .containsEntry("scp", "access_as_user")
        .containsEntry("ver", "2.0")
        .containsEntry("nbf", NBF.toString())
        .containsEntry("exp", EXP.toString())
        .containsEntry("preferred_username", "meganb@contoso.example");
  }

  @Test
  void acceptsAV1TokenSignedByAV2KeyWhoseIssuerIsTheV2Form() {
    Identity identity = accepted(v1().signed());

    assertThat(identity.uniqueID()).isEqualTo(EntraTokenValidator.uniqueId(TENANT, OID));
    assertThat(identity.claims())
        .containsEntry("appid", CLIENT_ID)
        .containsEntry("aud", APP_ID_URI)
        .containsEntry("ver", "1.0");
  }

  @Test
  void refusesATenantNotOnTheListWithoutLookingForItsKey() {
    String token =
        v2().claim("tid", OTHER_TENANT)
            .claim("iss", "https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0")
            .signed();

    assertThat(rejection(validator(settings(List.of(TENANT), false, List.of()), NOW), token))
        .isEqualTo(Reason.TENANT_NOT_ALLOWED);
    assertThat(keyRequests).isEmpty();
  }

  @Test
  void refusesATenantNotOnTheListEvenWhenItsKeyIsGenuine() {
    String token =
        v2().claim("tid", OTHER_TENANT)
            .claim("iss", "https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0")
            .signed();

    assertThat(rejection(token)).isEqualTo(Reason.TENANT_NOT_ALLOWED);
    // Only the pinning source was asked: the JWKS is never fetched for a tenant not served.
    assertThat(keyRequests).containsExactly(SANDBOX + " " + KID);
  }

  @Test
  void refusesEveryTenantWhenNoneIsConfigured() {
    EntraTokenValidator failClosed = validator(settings(List.of(), false, List.of()), NOW);

    assertThat(rejection(failClosed, v2().signed())).isEqualTo(Reason.TENANT_NOT_ALLOWED);
    assertThat(rejection(failClosed, v1().signed())).isEqualTo(Reason.TENANT_NOT_ALLOWED);
  }

  @Test
  void acceptsAnyTenantOnlyWhenToldSoExplicitly() {
    String token =
        v2().claim("tid", OTHER_TENANT)
            .claim("iss", "https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0")
            .signed();

    Identity identity =
        validator(settings(List.of(), true, List.of()), NOW).validate(CompactToken.parse(token));

    assertThat(identity.realm()).isEqualTo(OTHER_TENANT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0",
        "https://sts.windows.net/" + TENANT + "/",
        "https://login.microsoftonline.com/common/v2.0",
        "https://login.evil.example/" + TENANT + "/v2.0",
        "https://login.microsoftonline.com/" + TENANT + "/v2.0/",
        "https://login.microsoftonline.com/" + TENANT + "/"
      })
  void refusesAV2TokenFromAnotherIssuer(String issuer) {
    assertThat(rejection(v2().claim("iss", issuer).signed())).isEqualTo(Reason.WRONG_ISSUER);
  }

  @Test
  void refusesAV1TokenWhoseIssuerIsNotItsTenantsStsIssuer() {
    assertThat(
            rejection(v1().claim("iss", "https://sts.windows.net/" + OTHER_TENANT + "/").signed()))
        .isEqualTo(Reason.WRONG_ISSUER);
    assertThat(
            rejection(
                v1().claim("iss", "https://login.microsoftonline.com/" + TENANT + "/v2.0")
                    .signed()))
        .isEqualTo(Reason.WRONG_ISSUER);
  }

  @Test
  void refusesATokenWhoseKeyMayOnlySignForAnotherTenant() {
    published =
        Map.of(
            JWKS,
            Map.of(
                KID,
                key(KID, SIGNER, "https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0")));

    assertThat(rejection(v2().signed())).isEqualTo(Reason.WRONG_ISSUER);
    assertThat(rejection(v1().signed())).isEqualTo(Reason.WRONG_ISSUER);
  }

  @Test
  void acceptsAKeyWithoutAnIssuerOfItsOwn() {
    published = Map.of(JWKS, Map.of(KID, key(KID, SIGNER, null)));

    assertThat(accepted(v2().signed()).realm()).isEqualTo(TENANT);
  }

  @Test
  void refusesAGraphTokenWithWrongAudience() {
    String graph =
        v2().claim("aud", "00000003-0000-0000-c000-000000000000")
            .claim("scp", "User.Read openid")
            .signed();

    assertThat(rejection(graph)).isEqualTo(Reason.WRONG_AUDIENCE);
    assertThat(rejection(v2().claim("aud", "https://graph.microsoft.com").signed()))
        .isEqualTo(Reason.WRONG_AUDIENCE);
  }

  @Test
  void refusesATokenWithoutTheRequiredScope() {
    assertThat(rejection(v2().claim("scp", "User.Read Mail.Read").signed()))
        .isEqualTo(Reason.MISSING_SCOPE);
    assertThat(rejection(v2().claim("scp", "access_as_user_extended").signed()))
        .isEqualTo(Reason.MISSING_SCOPE);
    assertThat(accepted(v2().claim("scp", "User.Read access_as_user").signed()).realm())
        .isEqualTo(TENANT);
  }

  @Test
  void refusesAnAppOnlyTokenThatHasRolesAndNoScope() {
    String appOnly = v2().without("scp").claim("idtyp", "app").claim("roles", "Mail.Read").signed();

    assertThat(rejection(appOnly)).isEqualTo(Reason.MISSING_SCOPE);
  }

  @Test
  void refusesATokenRequestedByAnotherClientApp() {
    String other = "11111111-2222-3333-4444-555555555555";

    assertThat(rejection(v2().claim("azp", other).signed()))
        .isEqualTo(Reason.CLIENT_APP_NOT_ALLOWED);
    assertThat(rejection(v1().claim("appid", other).signed()))
        .isEqualTo(Reason.CLIENT_APP_NOT_ALLOWED);
    assertThat(rejection(v2().without("azp").signed())).isEqualTo(Reason.CLIENT_APP_NOT_ALLOWED);
    // A v2 token's appid is not its caller: only azp counts.
    assertThat(rejection(v2().claim("azp", other).claim("appid", CLIENT_ID).signed()))
        .isEqualTo(Reason.CLIENT_APP_NOT_ALLOWED);
  }

  @Test
  void refusesAlgNoneAndHs256KeyConfusion() {
    assertThat(rejection(v2().header("alg", "none").unsigned()))
        .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    byte[] publicKeyAsSecret = SIGNER.getPublic().getEncoded();
    assertThat(rejection(v2().header("alg", "HS256").hmacSigned(publicKeyAsSecret)))
        .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    assertThat(rejection(v2().header("alg", "rs256").signed()))
        .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    assertThat(keyRequests).isEmpty();
  }

  @Test
  void refusesATokenWithoutKeyId() {
    assertThat(rejection(v2().withoutHeader("kid").signed())).isEqualTo(Reason.MISSING_KEY_ID);
    assertThat(rejection(v2().header("kid", "").signed())).isEqualTo(Reason.MISSING_KEY_ID);
  }

  @Test
  void refusesAnUnknownKeyAfterAskingEveryEntraSource() {
    assertThat(rejection(v2().header("kid", "rotated-away").signed()))
        .isEqualTo(Reason.UNKNOWN_SIGNING_KEY);
    assertThat(keyRequests).containsExactly(JWKS + " rotated-away", SANDBOX + " rotated-away");
  }

  @Test
  void saysMetadataUnavailableWhenTheKeysCannotBeLoaded() {
    SigningKeys down =
        (source, kid) -> {
          throw new KeysUnavailableException("connection refused");
        };
    EntraTokenValidator validator =
        new EntraTokenValidator(
            settings(List.of(TENANT), false, List.of()), down, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(rejection(validator, v2().signed())).isEqualTo(Reason.METADATA_UNAVAILABLE);
  }

  @Test
  void refusesAnotherSignerAndATamperedPayload() {
    assertThat(rejection(v2().signedBy(OTHER_SIGNER))).isEqualTo(Reason.BAD_SIGNATURE);

    String genuine = v2().signed();
    String[] parts = genuine.split("\\.");
    String tampered =
        parts[0]
            + "."
            + v2().claim("oid", "00000000-0000-0000-0000-000000000001").signedPart().split("\\.")[1]
            + "."
            + parts[2];
    assertThat(rejection(tampered)).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void checksTheLifetimeToTheSecondAtTheSkewEdges() {
    String token = v2().signed();
    Instant earliest = NBF.minus(SKEW);
    Instant latest = EXP.plus(SKEW);
    EntraTokenValidator.Settings settings = settings(List.of(TENANT), false, List.of());

    assertThat(validator(settings, earliest).validate(CompactToken.parse(token))).isNotNull();
    assertThat(rejection(validator(settings, earliest.minusSeconds(1)), token))
        .isEqualTo(Reason.TOKEN_NOT_YET_VALID);
    assertThat(validator(settings, latest).validate(CompactToken.parse(token))).isNotNull();
    assertThat(rejection(validator(settings, latest.plusSeconds(1)), token))
        .isEqualTo(Reason.TOKEN_EXPIRED);
  }

  @Test
  void refusesMissingOrMalformedIdentifiers() {
    assertThat(rejection(v2().without("oid").signed())).isEqualTo(Reason.MALFORMED_TOKEN);
    assertThat(rejection(v2().claim("oid", "not-a-guid").signed()))
        .isEqualTo(Reason.MALFORMED_TOKEN);
    assertThat(rejection(v2().claim("tid", "contoso.onmicrosoft.com").signed()))
        .isEqualTo(Reason.MALFORMED_TOKEN);
    // Almost a GUID: a letter beyond f, a hyphen moved, a digit that is not ASCII, one too many.
    for (String almost :
        List.of(
            "0000000g-0000-0000-0000-000000000001",
            "000000000-000-0000-0000-000000000001",
            "00000000-0000-0000-0000-00000000000\u0661",
            "00000000-0000-0000-0000-0000000000012")) {
      assertThat(rejection(v2().claim("oid", almost).signed()))
          .as(almost)
          .isEqualTo(Reason.MALFORMED_TOKEN);
    }
    assertThat(
            validator()
                .validate(
                    CompactToken.parse(
                        v2().claim("oid", "ABCDEF01-2345-6789-abcd-ef0123456789").signed()))
                .uniqueID())
        .isEqualTo(EntraTokenValidator.uniqueId(TENANT, "abcdef01-2345-6789-abcd-ef0123456789"));
    assertThat(rejection(v2().without("exp").signed())).isEqualTo(Reason.MALFORMED_TOKEN);
    assertThat(rejection(v2().claim("nbf", "1700000000").signed()))
        .isEqualTo(Reason.MALFORMED_TOKEN);
    assertThat(rejection(v2().without("iss").signed())).isEqualTo(Reason.MALFORMED_TOKEN);
  }

  @Test
  void refusesAnotherTokenVersion() {
    assertThat(rejection(v2().claim("ver", "3.0").signed())).isEqualTo(Reason.WRONG_VERSION);
    assertThat(rejection(v2().without("ver").signed())).isEqualTo(Reason.WRONG_VERSION);
  }

  @Test
  void neverKeysOnMutableNames() {
    Identity first =
        accepted(v1().claim("upn", "megan@contoso.example").claim("email", "a@x.example").signed());
    Identity renamed =
        accepted(
            v1().claim("upn", "megan.bowen@fabrikam.example")
                .claim("unique_name", "someone-else@contoso.example")
                .claim("email", "b@y.example")
                .signed());
    Identity sameNameOtherUser =
        accepted(
            v1().claim("upn", "megan@contoso.example")
                .claim("oid", "00000000-0000-0000-0000-00000000beef")
                .signed());

    assertThat(renamed.uniqueID()).isEqualTo(first.uniqueID());
    assertThat(sameNameOtherUser.uniqueID()).isNotEqualTo(first.uniqueID());
  }

  @Test
  void acceptsThePinnedTenantOnlyForTheKeyThatPinsIt() {
    String sandboxIssuer = EntraTokenValidator.v2Issuer(SANDBOX_TENANT);
    EntraTestTokens.Token sandboxUser =
        v2().header("kid", SANDBOX_KID).claim("tid", SANDBOX_TENANT).claim("iss", sandboxIssuer);

    assertThat(accepted(sandboxUser.signedBy(SANDBOX_SIGNER)).realm()).isEqualTo(SANDBOX_TENANT);
    // The tenant is not admitted for a key from Entra's own JWKS.
    assertThat(rejection(v2().claim("tid", SANDBOX_TENANT).claim("iss", sandboxIssuer).signed()))
        .isEqualTo(Reason.TENANT_NOT_ALLOWED);
    // The sandbox's key cannot sign for an allowed tenant, nor for an unlisted one.
    assertThat(rejection(v2().header("kid", SANDBOX_KID).signedBy(SANDBOX_SIGNER)))
        .isEqualTo(Reason.WRONG_ISSUER);
    assertThat(
            rejection(
                v2().header("kid", SANDBOX_KID)
                    .claim("tid", OTHER_TENANT)
                    .claim("iss", EntraTokenValidator.v2Issuer(OTHER_TENANT))
                    .signedBy(SANDBOX_SIGNER)))
        .isEqualTo(Reason.TENANT_NOT_ALLOWED);
    // Without the pinning source (the sandbox off), the sandbox tenant is just another tenant.
    assertThat(
            rejection(
                validator(settings(List.of(TENANT), false, List.of()), NOW),
                sandboxUser.signedBy(SANDBOX_SIGNER)))
        .isEqualTo(Reason.TENANT_NOT_ALLOWED);
  }

  @Test
  void recognisesEntraTokensByTheirShapeOnly() {
    assertThat(EntraTokenValidator.recognises(CompactToken.parse(v2().signed()))).isTrue();
    assertThat(EntraTokenValidator.recognises(CompactToken.parse(v1().signed()))).isTrue();
    assertThat(EntraTokenValidator.recognises(CompactToken.parse(v2().without("tid").signed())))
        .isFalse();
    assertThat(
            EntraTokenValidator.recognises(CompactToken.parse(v2().claim("appctx", "{}").signed())))
        .isFalse();
  }
}
