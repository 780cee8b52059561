package dev.identitybridge.token.entity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;

/**
 * Reads the JSON objects of a token (its header, its payload, a claim holding JSON) with
 * jackson-core's streaming parser, straight from the decoded bytes, into JSON-P values: Parsson's
 * reader wanted a String and a {@link java.io.Reader} first, and the header and payload of a token
 * the cache has not seen took nearly twice as long.
 *
 * <p>Strict: a member named twice (one reader taking the first and another the last is how a token
 * says two different things to two checks), anything after the object, nesting deeper than {@value
 * #MAX_DEPTH} and anything that is not JSON are refused with {@link IOException} or {@link
 * RuntimeException}; the caller checks that the bytes are UTF-8.
 */
final class TokenJson {

  /** As deep as a general JSON reader allows; a token needs two levels. */
  static final int MAX_DEPTH = 1000;

  private static final JsonFactory JACKSON =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();

  // Looked up once: JsonProvider.provider() searches the class path on every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private TokenJson() {}

  /**
   * @param utf8 the object's text as UTF-8, without a byte order mark and without NUL bytes (which
   *     JSON text never holds, and which would make Jackson guess another encoding)
   */
  static JsonObject object(byte[] utf8, int offset, int length) throws IOException {
    try (JsonParser parser = JACKSON.createParser(utf8, offset, length)) {
      return object(parser);
    }
  }

  static JsonObject object(String text) throws IOException {
    try (JsonParser parser = JACKSON.createParser(text)) {
      return object(parser);
    }
  }

  private static JsonObject object(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonObject object = objectAfterStart(parser);
    if (parser.nextToken() != null) {
      throw new IllegalArgumentException("text after the JSON object");
    }
    return object;
  }

  private static JsonObject objectAfterStart(JsonParser parser) throws IOException {
    JsonObjectBuilder members = JSON.createObjectBuilder();
    String name;
    while ((name = parser.nextFieldName()) != null) {
      members.add(name, value(parser, parser.nextToken()));
    }
    return members.build();
  }

  private static JsonValue value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> JSON.createValue(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT, LONG -> JSON.createValue(parser.getLongValue());
            default -> JSON.createValue(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> JSON.createValue(parser.getDecimalValue());
      case VALUE_TRUE -> JsonValue.TRUE;
      case VALUE_FALSE -> JsonValue.FALSE;
      case VALUE_NULL -> JsonValue.NULL;
      case START_OBJECT -> objectAfterStart(parser);
      case START_ARRAY -> arrayAfterStart(parser);
      default -> throw new IllegalArgumentException("unexpected " + token);
    };
  }

  private static JsonValue arrayAfterStart(JsonParser parser) throws IOException {
    JsonArrayBuilder elements = JSON.createArrayBuilder();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      elements.add(value(parser, token));
    }
    return elements.build();
  }
}
