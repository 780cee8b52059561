package dev.identitybridge.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A small HTTP client for the tests: JSON in, JSON out, nothing hidden. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String base;

  /** The WAR's base URL; servers differ in whether it ends with a slash. */
  public Http(URL base) {
    String root = base.toString();
    this.base = root.endsWith("/") ? root : root + "/";
  }

  /** A response with its body read as a JSON object, when it is one. */
  public record Reply(int status, String contentType, String body, HttpResponse<String> raw) {

    public JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
  }

  public Reply post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Reply postWithToken(String path, String token, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Reply deleteWithToken(String path, String token) {
    return send(request(path).header("Authorization", "Bearer " + token).DELETE().build());
  }

  public Reply send(HttpRequest request) {
    try {
      return reply(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public CompletableFuture<Reply> sendAsync(HttpRequest request) {
    return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Http::reply);
  }

  private static Reply reply(HttpResponse<String> response) {
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        response);
  }

  /** A JSON string literal. */
  public static String quote(String value) {
    return Json.createValue(value).toString();
  }
}
