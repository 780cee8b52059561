package dev.identitybridge.config.control;

import dev.identitybridge.config.entity.Cidr;
import dev.identitybridge.config.entity.NormalizedUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Every {@code identitybridge.*} value, read and normalised in this one place, so that two beans
 * can never disagree about the same setting. Defaults live in {@code
 * microprofile-config.properties}; values derived from others (the task pane's URL, the default
 * audiences) are derived here.
 */
@ApplicationScoped
public class Configuration {

  /** Where Outlook opens the add-in, under the public base URL; the Exchange tokens' audience. */
  public static final String TASK_PANE_PATH = "/addin/taskpane.html";

  /**
   * The Entra client id the sandbox uses when no real one is configured. No Entra tenant issues
   * tokens for it: only the sandbox's own tenant, while the sandbox is on.
   */
  public static final String SANDBOX_ENTRA_CLIENT_ID = "5a4db0c5-e274-4a11-9d1c-000000000000";

  private Config config;
  private String publicBaseUrl;

  /** For the container's client proxy only. */
  protected Configuration() {}

  @Inject
  public Configuration(Config config) {
    this.config = config;
    this.publicBaseUrl = withoutTrailingSlashes(required("identitybridge.public-base-url"));
    if (NormalizedUrl.parse(publicBaseUrl).isEmpty()) {
      throw new IllegalArgumentException(
          "identitybridge.public-base-url is not an http(s) URL: " + publicBaseUrl);
    }
  }

  /** Where users reach this server, without a trailing slash. */
  public String publicBaseUrl() {
    return publicBaseUrl;
  }

  /** The host of the public base URL, lower-cased. */
  public String publicHost() {
    return NormalizedUrl.parse(publicBaseUrl).orElseThrow().host();
  }

  public boolean publicBaseUrlIsHttps() {
    return NormalizedUrl.parse(publicBaseUrl).orElseThrow().isHttps();
  }

  /** The add-in's task pane: the manifest's SourceLocation and the default Exchange audience. */
  public String taskPaneUrl() {
    return publicBaseUrl + TASK_PANE_PATH;
  }

  /** Accepted Exchange {@code aud} values: the configured ones, or else the task pane's URL. */
  public List<String> exchangeAudiences() {
    List<String> configured = list("identitybridge.exchange.audiences");
    return configured.isEmpty() ? List.of(taskPaneUrl()) : configured;
  }

  /** The metadata documents trusted as signers; none means every Exchange token is refused. */
  public List<String> trustedMetadataUrls() {
    return list("identitybridge.exchange.trusted-metadata-urls");
  }

  public Optional<Path> metadataTrustPem() {
    return text("identitybridge.exchange.metadata-trust-pem").map(Path::of);
  }

  public Duration clockSkew() {
    return nonNegative("identitybridge.clock-skew");
  }

  public Duration refreshInterval() {
    Duration interval = nonNegative("identitybridge.metadata.refresh-interval");
    if (interval.isZero()) {
      throw new IllegalArgumentException("identitybridge.metadata.refresh-interval must be > 0");
    }
    return interval;
  }

  public Duration forcedRefreshInterval() {
    return nonNegative("identitybridge.metadata.forced-refresh-interval");
  }

  /** How many verified tokens each instance remembers; 0 turns the validated-token cache off. */
  public long tokenCacheMaxEntries() {
    long value = config.getValue("identitybridge.token-cache.max-entries", Long.class);
    if (value < 0) {
      throw new IllegalArgumentException(
          "identitybridge.token-cache.max-entries must not be negative: " + value);
    }
    return value;
  }

  public boolean sandboxEnabled() {
    return config.getValue("identitybridge.sandbox.enabled", Boolean.class);
  }

  /**
   * The add-in's Entra app (client) id while the Entra path is on: the configured one, or else,
   * while the sandbox is on, {@link #SANDBOX_ENTRA_CLIENT_ID}, so that the sandbox alone can show
   * the Entra path. Empty: every Entra ID access token is refused.
   */
  public Optional<String> entraClientId() {
    Optional<String> configured = text("identitybridge.entra.client-id");
    return configured.isPresent() || !sandboxEnabled()
        ? configured
        : Optional.of(SANDBOX_ENTRA_CLIENT_ID);
  }

  /** Whether a real Entra app is configured, so that Entra's JWKS is trusted and fetched. */
  public boolean entraConfigured() {
    return text("identitybridge.entra.client-id").isPresent();
  }

  /** The tenant ids (lower-case GUIDs) whose tokens are accepted; none: no Entra token is. */
  public List<String> entraAllowedTenants() {
    return list("identitybridge.entra.allowed-tenants").stream()
        .map(tenant -> tenant.toLowerCase(Locale.ROOT))
        .toList();
  }

  public boolean entraAllowAnyTenant() {
    return config.getValue("identitybridge.entra.allow-any-tenant", Boolean.class);
  }

  /**
   * Accepted Entra {@code aud} values: the configured ones, or else the client id (v2 tokens) and
   * {@code api://{public host}/{client id}} (v1 tokens, and the scope's App ID URI).
   */
  public List<String> entraAudiences() {
    List<String> configured = list("identitybridge.entra.audiences");
    if (!configured.isEmpty()) {
      return configured;
    }
    return entraClientId().map(id -> List.of(id, entraAppIdUri(id))).orElse(List.of());
  }

  /** The App ID URI of the add-in's API, as the app registration exposes it. */
  public String entraAppIdUri(String clientId) {
    return "api://" + publicHost() + "/" + clientId;
  }

  /** Accepted caller apps ({@code azp}/{@code appid}): the configured ones, or the client id. */
  public List<String> entraAllowedClientApps() {
    List<String> configured = list("identitybridge.entra.allowed-client-apps");
    return configured.isEmpty() ? entraClientId().stream().toList() : configured;
  }

  /** The delegated scope that {@code scp} must contain. */
  public String entraRequiredScope() {
    String scope = required("identitybridge.entra.required-scope");
    if (scope.contains(" ")) {
      throw new IllegalArgumentException(
          "identitybridge.entra.required-scope is one scope, without spaces: " + scope);
    }
    return scope;
  }

  public String entraJwksUrl() {
    return required("identitybridge.entra.jwks-url");
  }

  public Optional<Path> entraJwksTrustPem() {
    return text("identitybridge.entra.jwks-trust-pem").map(Path::of);
  }

  /** Whether the admin session cookie is {@code Secure}: as configured, else for an https URL. */
  public boolean sessionCookieSecure() {
    return config
        .getOptionalValue("identitybridge.session-cookie-secure", Boolean.class)
        .orElseGet(this::publicBaseUrlIsHttps);
  }

  /** Who may frame the add-in's pages, as CSP sources. */
  public List<String> frameAncestors() {
    return text("identitybridge.addin.frame-ancestors").stream()
        .flatMap(value -> Arrays.stream(value.split("[\\s,]+")))
        .filter(source -> !source.isEmpty())
        .toList();
  }

  /** The first administrator's password, when the admin set one. */
  public Optional<String> adminPassword() {
    return text("identitybridge.admin-password");
  }

  public int maxLoginFailures() {
    return positive("identitybridge.login.max-failures");
  }

  public int maxLoginFailuresPerClient() {
    return positive("identitybridge.login.max-failures-per-client");
  }

  public Duration lockout() {
    return nonNegative("identitybridge.login.lockout");
  }

  /**
   * The reverse proxies whose {@code X-Forwarded-For} and {@code Forwarded} headers are believed;
   * none by default, so that no client can choose the address it is counted under.
   *
   * @throws IllegalArgumentException when an entry is not an address or a CIDR block
   */
  public List<Cidr> trustedProxies() {
    return list("identitybridge.trusted-proxies").stream().map(Cidr::parse).toList();
  }

  /** The scrapers' Bearer secret for the metrics endpoint; unset means the endpoint is off. */
  public Optional<String> metricsToken() {
    return text("identitybridge.metrics.token");
  }

  /** Signing certificates that expire within this window are reported as a warning. */
  public Duration keysExpiryWarning() {
    return nonNegative("identitybridge.keys.expiry-warning");
  }

  /** Audit events older than this are deleted by the daily clean-up. */
  public Duration auditRetention() {
    Duration retention = nonNegative("identitybridge.audit.retention");
    if (retention.isZero()) {
      throw new IllegalArgumentException("identitybridge.audit.retention must be > 0");
    }
    return retention;
  }

  /** A comma-separated value as a list: items stripped, empty items dropped. */
  public static List<String> commaSeparated(String value) {
    return value == null
        ? List.of()
        : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  static String withoutTrailingSlashes(String url) {
    return url.strip().replaceAll("/+$", "");
  }

  private List<String> list(String key) {
    return commaSeparated(text(key).orElse(null));
  }

  private Optional<String> text(String key) {
    return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
  }

  private String required(String key) {
    return text(key).orElseThrow(() -> new IllegalArgumentException(key + " is not set"));
  }

  private Duration nonNegative(String key) {
    Duration value = config.getValue(key, Duration.class);
    if (value.isNegative()) {
      throw new IllegalArgumentException(key + " must not be negative: " + value);
    }
    return value;
  }

  private int positive(String key) {
    int value = config.getValue(key, Integer.class);
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1: " + value);
    }
    return value;
  }
}
