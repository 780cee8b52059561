package dev.identitybridge.token.entity;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.InvalidTokenException.Reason;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A token in JWS compact form whose structure has been checked: at most 16 KiB, three base64url
 * segments, a header and a payload that are JSON objects. Nothing about it is trusted yet.
 *
 * @param text the whole token, as received
 * @param ascii the token's characters as bytes (base64url and dots only, so one byte each); the
 *     first {@code signedLength} of them, {@code header.payload}, are what the signature covers
 * @param signedLength the length of {@code header.payload}
 * @param signature the decoded signature; empty for an unsigned token
 */
public record CompactToken(
    String text,
    byte[] ascii,
    int signedLength,
    JsonObject header,
    JsonObject payload,
    byte[] signature) {

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
    return parse(outline(token));
  }

  /**
   * Decodes a token whose size and segments have been checked: every segment must be unpadded
   * base64url (the signature may be empty, so that alg none is reported as such and not as
   * malformed), and the header and the payload JSON objects.
   *
   * @throws InvalidTokenException {@code malformed_token}
   */
  public static CompactToken parse(Shape shape) {
    byte[] ascii = shape.ascii();
    int first = shape.firstDot();
    int second = shape.secondDot();
    // Decoding is the per-character check, in one pass: the JDK's decoder refuses every character
    // outside the base64url alphabet but the padding, which is refused here with the lengths that
    // padding would complete. All three segments before any JSON is read. A character outside
    // Latin-1 that took two chars (a surrogate pair) became one '?', so the dots would not line up.
    if (ascii.length != shape.text().length()
        || !fitsBase64Url(first, false)
        || !fitsBase64Url(second - first - 1, false)
        || !fitsBase64Url(ascii.length - second - 1, true)
        || shape.text().indexOf('=') >= 0) {
      throw notBase64Url();
    }
    ByteBuffer header;
    ByteBuffer payload;
    ByteBuffer signature;
    try {
      header = decode(ascii, 0, first);
      payload = decode(ascii, first + 1, second);
      signature = decode(ascii, second + 1, ascii.length);
    } catch (IllegalArgumentException e) {
      throw notBase64Url();
    }
    return new CompactToken(
        shape.text(),
        ascii,
        second,
        jsonObject(header, "header"),
        jsonObject(payload, "payload"),
        Arrays.copyOf(signature.array(), signature.limit()));
  }

  /** {@code header.payload}, the text the signature covers. */
  public String signedPart() {
    return text.substring(0, signedLength);
  }

  // Straight from the bytes the shape check made: no substring, no second copy.
  private static ByteBuffer decode(byte[] ascii, int from, int to) {
    return BASE64URL.decode(ByteBuffer.wrap(ascii, from, to - from));
  }

  private static boolean fitsBase64Url(int length, boolean mayBeEmpty) {
    return length == 0 ? mayBeEmpty : length % 4 != 1;
  }

  private static InvalidTokenException notBase64Url() {
    return malformed("A segment of the token is not base64url.");
  }

  /**
   * The size and the three segments, without looking at each character: enough before a look-up of
   * the exact token among tokens that passed every check; {@link #parse(Shape)} checks each
   * character before anything else.
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
    // Characters beyond Latin-1 become '?', which is not base64url: parse refuses them. One copy
    // serves that check, the cache's hash and the signature.
    return new Shape(token, token.getBytes(ISO_8859_1), first, second);
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
    try {
      return TokenJson.object(text);
    } catch (IOException | RuntimeException e) {
      throw notAnObject(part);
    }
  }

  private static JsonObject jsonObject(ByteBuffer utf8, String part) {
    byte[] bytes = utf8.array();
    int length = utf8.limit();
    boolean ascii = true;
    boolean nul = false;
    for (int i = 0; i < length; i++) {
      ascii &= bytes[i] > 0;
      nul |= bytes[i] == 0;
    }
    // Almost every token is ASCII: the decoder checks only the others.
    if (!ascii && !isUtf8(bytes, length)) {
      throw malformed("The token's " + part + " is not UTF-8 text.");
    }
    // Neither a NUL byte nor a byte order mark is JSON; refused here because either would make a
    // reader of bytes guess another encoding.
    if (nul || startsWithByteOrderMark(bytes, length)) {
      throw notAnObject(part);
    }
    try {
      return TokenJson.object(bytes, 0, length);
    } catch (IOException | RuntimeException e) {
      // Whatever is not a JSON object (nested too deep included) is the sender's fault, none of
      // it a reason to fail the request.
      throw notAnObject(part);
    }
  }

  private static boolean isUtf8(byte[] bytes, int length) {
    try {
      UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean startsWithByteOrderMark(byte[] bytes, int length) {
    return length >= 3
        && bytes[0] == (byte) 0xEF
        && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF;
  }

  private static InvalidTokenException notAnObject(String part) {
    return malformed("The token's " + part + " is not a JSON object.");
  }

  private static InvalidTokenException malformed(String message) {
    return new InvalidTokenException(Reason.MALFORMED_TOKEN, message);
  }
}
