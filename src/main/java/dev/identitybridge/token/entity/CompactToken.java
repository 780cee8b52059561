package dev.identitybridge.token.entity;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Base64;
import java.util.Map;

/**
 * A token in JWS compact form whose structure has been checked: at most 16 KiB, three base64url
 * segments, a header and a payload that are JSON objects. Nothing about it is trusted yet.
 *
 * @param text the whole token, as received
 * @param signedPart {@code header.payload}, the bytes the signature covers
 * @param signature the decoded signature; empty for an unsigned token
 */
public record CompactToken(
    String text, String signedPart, JsonObject header, JsonObject payload, byte[] signature) {

  /** Longer tokens are refused before anything is decoded. */
  public static final int MAX_CHARS = 16 * 1024;

  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

  // A table, not a chain of comparisons: the shape check runs over every token before the cache.
  private static final boolean[] ALPHABET = new boolean[256];

  static {
    for (char c = 'A'; c <= 'Z'; c++) {
      ALPHABET[c] = true;
      ALPHABET[Character.toLowerCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      ALPHABET[c] = true;
    }
    ALPHABET['-'] = true;
    ALPHABET['_'] = true;
  }

  // Looked up once: JsonProvider.provider() searches the class path on every call. A member named
  // twice is refused: one reader taking the first and another the last is how a token says two
  // different things to two checks.
  private static final JsonReaderFactory JSON =
      JsonProvider.provider()
          .createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

  /**
   * A token whose size and shape have been checked, nothing decoded yet.
   *
   * @param text the token
   * @param ascii its characters as bytes (base64url and dots only, so one byte each)
   * @param firstDot where the header ends
   * @param secondDot where the payload ends
   */
  public record Shape(String text, byte[] ascii, int firstDot, int secondDot) {}

  /**
   * @throws InvalidTokenException {@code token_too_large} or {@code malformed_token}
   */
  public static CompactToken parse(String token) {
    return parse(checkShape(token));
  }

  /**
   * Decodes a token whose shape has been checked.
   *
   * @throws InvalidTokenException {@code malformed_token}
   */
  public static CompactToken parse(Shape shape) {
    String token = shape.text();
    int first = shape.firstDot();
    int second = shape.secondDot();
    return new CompactToken(
        token,
        token.substring(0, second),
        jsonObject(BASE64URL.decode(token.substring(0, first)), "header"),
        jsonObject(BASE64URL.decode(token.substring(first + 1, second)), "payload"),
        BASE64URL.decode(token.substring(second + 1)));
  }

  /**
   * The checks that need no decoding: at most 16 KiB, three segments of base64url characters (the
   * signature may be empty). Cheap enough to run before anything else looks at a token.
   *
   * @throws InvalidTokenException {@code token_too_large} or {@code malformed_token}
   */
  public static Shape checkShape(String token) {
    return checkAlphabet(outline(token));
  }

  /**
   * The size and the three segments, without looking at each character: enough before a look-up of
   * the exact token among tokens that passed every check; {@link #checkAlphabet} before anything
   * else.
   *
   * @throws InvalidTokenException {@code token_too_large} or {@code malformed_token}
   */
  public static Shape outline(String token) {
    if (token == null || token.isEmpty()) {
      throw malformed("No token was sent.");
    }
    if (token.length() > MAX_CHARS) {
      throw new InvalidTokenException(Reason.TOKEN_TOO_LARGE, "The token is longer than 16 KiB.");
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw malformed("The token does not consist of three segments separated by dots.");
    }
    // Characters beyond Latin-1 become '?', which is not base64url: checkAlphabet refuses them.
    // One copy serves that check and the cache's hash.
    return new Shape(token, token.getBytes(ISO_8859_1), first, second);
  }

  /**
   * Every segment is base64url.
   *
   * @throws InvalidTokenException {@code malformed_token}
   */
  public static Shape checkAlphabet(Shape shape) {
    byte[] ascii = shape.ascii();
    int first = shape.firstDot();
    int second = shape.secondDot();
    // An empty signature passes here, so that alg none is reported as such and not as malformed.
    if (!isBase64Url(ascii, 0, first)
        || !isBase64Url(ascii, first + 1, second)
        || !(second + 1 == ascii.length || isBase64Url(ascii, second + 1, ascii.length))) {
      throw malformed("A segment of the token is not base64url.");
    }
    return shape;
  }

  /** Unpadded base64url that {@link Base64#getUrlDecoder()} can decode. */
  public static boolean isBase64Url(String segment) {
    byte[] bytes = segment.getBytes(ISO_8859_1);
    return isBase64Url(bytes, 0, bytes.length);
  }

  private static boolean isBase64Url(byte[] segment, int from, int to) {
    int length = to - from;
    if (length == 0 || length % 4 == 1) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!ALPHABET[segment[i] & 0xFF]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A JSON object in a string, such as Exchange's {@code appctx} claim.
   *
   * @param part what it is, for the error message
   * @throws InvalidTokenException {@code malformed_token} when it is not a JSON object
   */
  public static JsonObject jsonObject(String text, String part) {
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      // JsonException and IllegalStateException for what is not a JSON object, and a plain
      // RuntimeException from Parsson for JSON nested deeper than its limit: all of it is the
      // sender's fault, none of it a reason to fail the request.
      throw malformed("The token's " + part + " is not a JSON object.");
    }
  }

  private static JsonObject jsonObject(byte[] utf8, String part) {
    try {
      return jsonObject(UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString(), part);
    } catch (CharacterCodingException e) {
      throw malformed("The token's " + part + " is not UTF-8 text.");
    }
  }

  private static InvalidTokenException malformed(String message) {
    return new InvalidTokenException(Reason.MALFORMED_TOKEN, message);
  }
}
