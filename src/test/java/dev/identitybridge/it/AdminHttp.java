package dev.identitybridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The admin pages without a browser: one cookie jar, the login form posted as a browser posts it
 * (with the view state the page carried). Cookies are per host, not per port, so one jar serves
 * several instances on one host, as a browser behind a load balancer would.
 */
final class AdminHttp {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"");

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** Signs in at the base URL; returns the page the login led to. */
  HttpResponse<String> signIn(String base, String username, String password) {
    String root = base.endsWith("/") ? base : base + "/";
    String form = get(root + "admin/login.xhtml").body();
    Matcher state = VIEW_STATE.matcher(form);
    if (!state.find()) {
      throw new IllegalStateException("The login page carries no view state");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("login", "login");
    fields.put("login:username", username);
    fields.put("login:password", password);
    fields.put("login:submit", "Sign in");
    fields.put("jakarta.faces.ViewState", state.group(1));
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(root + "admin/login.xhtml"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  /** Whether this page, fetched now, is the admin page rather than the login form. */
  boolean signedIn(String url) {
    HttpResponse<String> page = get(url);
    // The login page may be forwarded to under the asked-for URL: its form tells it apart.
    return page.statusCode() == 200 && !page.body().contains("login:password");
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
