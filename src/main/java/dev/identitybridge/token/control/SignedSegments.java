package dev.identitybridge.token.control;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The three raw segments of a token, in the shape java-jwt's signature check takes. The claims are
 * read with JSON-P instead of {@code JWT.decode}, because java-jwt rejects the numeric-string
 * {@code nbf}/{@code exp} that Exchange's documentation shows; only what a signature check needs is
 * answered here.
 */
final class SignedSegments implements DecodedJWT {

  private final String token;
  private final String header;
  private final String payload;
  private final String signature;

  SignedSegments(String token, String header, String payload, String signature) {
    this.token = token;
    this.header = header;
    this.payload = payload;
    this.signature = signature;
  }

  @Override
  public String getToken() {
    return token;
  }

  @Override
  public String getHeader() {
    return header;
  }

  @Override
  public String getPayload() {
    return payload;
  }

  @Override
  public String getSignature() {
    return signature;
  }

  @Override
  public String getAlgorithm() {
    return "RS256";
  }

  @Override
  public String getType() {
    return "JWT";
  }

  @Override
  public String getContentType() {
    return null;
  }

  /** No key id: the validator hands java-jwt the one key that must have signed. */
  @Override
  public String getKeyId() {
    return null;
  }

  @Override
  public Claim getHeaderClaim(String name) {
    throw claimsNotHere();
  }

  @Override
  public String getIssuer() {
    throw claimsNotHere();
  }

  @Override
  public String getSubject() {
    throw claimsNotHere();
  }

  @Override
  public List<String> getAudience() {
    throw claimsNotHere();
  }

  @Override
  public Date getExpiresAt() {
    throw claimsNotHere();
  }

  @Override
  public Date getNotBefore() {
    throw claimsNotHere();
  }

  @Override
  public Date getIssuedAt() {
    throw claimsNotHere();
  }

  @Override
  public String getId() {
    throw claimsNotHere();
  }

  @Override
  public Claim getClaim(String name) {
    throw claimsNotHere();
  }

  @Override
  public Map<String, Claim> getClaims() {
    throw claimsNotHere();
  }

  private static UnsupportedOperationException claimsNotHere() {
    return new UnsupportedOperationException("Claims are read by ExchangeTokenValidator");
  }
}
