package dev.identitybridge.api.boundary;

import dev.identitybridge.accounts.control.AccountLinks;
import dev.identitybridge.api.entity.UnpackFailure;
import dev.identitybridge.api.entity.UnpackedToken;
import dev.identitybridge.token.control.InvalidTokenException;
import dev.identitybridge.token.control.TokenValidator;
import dev.identitybridge.token.entity.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /IdentityTestService/UnpackTokenJSON}: a drop-in for the service of Microsoft's
 * documented sample add-in. Every validation outcome is HTTP 200, because the documented add-in
 * reads only 200 responses; only a body that is not JSON (400) or too large (413) is refused.
 */
@Path("UnpackTokenJSON")
@RequestScoped
public class IdentityTestServiceResource {

  static final int MAX_BODY_BYTES = 64 * 1024;

  /** Looked up once: {@code Json.createReader} would look up the JSON-P provider per request. */
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  @Inject TokenValidator tokens;
  @Inject AccountLinks links;

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The documented sample service: unpack and validate an Exchange identity token",
      description =
          "Body {\"token\": \"...\", \"phoneNumbers\": [...]}. Every validation outcome is 200:"
              + " the claims, or {error, errorMessage, code} with the reason code.")
  @APIResponse(responseCode = "200", description = "The claims, or the reason it was refused")
  @APIResponse(
      responseCode = "400",
      description = "The body is not JSON",
      content =
          @Content(
              mediaType = ApiResponses.PROBLEM,
              schema = @Schema(ref = ApiResponses.PROBLEM_SCHEMA)))
  @APIResponse(
      responseCode = "413",
      description = "The body is over 64 KiB",
      content =
          @Content(
              mediaType = ApiResponses.PROBLEM,
              schema = @Schema(ref = ApiResponses.PROBLEM_SCHEMA)))
  public Object unpack(InputStream body) {
    JsonValue token = readBody(body).get("token");
    if (!(token instanceof JsonString text)) {
      return UnpackFailure.of(
          "The request carries no identity token.",
          InvalidTokenException.Reason.MALFORMED_TOKEN.code());
    }
    try {
      Identity identity = tokens.validate(text.getString());
      UnpackedToken.Link link =
          links
              .usableLink(identity)
              .map(l -> new UnpackedToken.Link(true, l.username()))
              .orElse(new UnpackedToken.Link(false, null));
      return UnpackedToken.of(identity, link);
    } catch (InvalidTokenException e) {
      return UnpackFailure.of(e.getMessage(), e.reason().code());
    }
  }

  private static JsonObject readBody(InputStream body) {
    byte[] bytes;
    try {
      bytes = body.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw malformed("The request body could not be read.");
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(bytes))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw malformed("The request body is not a JSON object.");
    }
  }

  private static ProblemException malformed(String detail) {
    return new ProblemException(400, "Bad Request", "malformed_request", detail);
  }

  private static ProblemException tooLarge() {
    return new ProblemException(
        413,
        "Content Too Large",
        "request_too_large",
        "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.");
  }
}
