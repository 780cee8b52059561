package dev.identitybridge.token.control;

import dev.identitybridge.addin.control.SandboxIssuer;
import dev.identitybridge.token.entity.ExchangeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Validates Exchange identity tokens with the configured trusted servers and audiences, and the
 * sandbox issuer's while it is on; the entry the HTTP layer calls. Logs reason codes and uniqueIDs,
 * never a token.
 */
@ApplicationScoped
public class ExchangeTokens {

  private static final Logger LOG = Logger.getLogger(ExchangeTokens.class.getName());

  static final String DEFAULT_AUDIENCE_PATH = "/addin/taskpane.html";

  private final ExchangeTokenValidator validator;
  private final ExchangeTokenValidator.Settings settings;

  /** For the container's client proxy only. */
  protected ExchangeTokens() {
    this.validator = null;
    this.settings = null;
  }

  @Inject
  public ExchangeTokens(
      @ConfigProperty(name = "identitybridge.exchange.trusted-metadata-urls")
          Optional<String> trustedMetadataUrls,
      @ConfigProperty(name = "identitybridge.exchange.audiences") Optional<String> audiences,
      @ConfigProperty(name = "identitybridge.public-base-url") String publicBaseUrl,
      @ConfigProperty(name = "identitybridge.clock-skew") Duration clockSkew,
      SigningKeys signingKeys,
      SandboxIssuer sandbox) {
    this.settings = settings(trustedMetadataUrls, audiences, publicBaseUrl, clockSkew);
    this.validator = validator(settings, signingKeys, sandbox, Clock.systemUTC());
  }

  /**
   * The validator of the configured settings. While the sandbox is on, it also trusts the sandbox's
   * metadata URL, whose key comes from the sandbox in this process, never from the network; the
   * keys of every other URL come from the certificate store.
   */
  static ExchangeTokenValidator validator(
      ExchangeTokenValidator.Settings configured,
      SigningKeys store,
      SandboxIssuer sandbox,
      Clock clock) {
    if (!sandbox.enabled()) {
      return new ExchangeTokenValidator(configured, store, clock);
    }
    String sandboxUrl =
        ExchangeTokenValidator.trustedMetadataUrl(SandboxIssuer.METADATA_URL).text();
    List<String> trusted = new ArrayList<>(configured.trustedMetadataUrls());
    trusted.add(SandboxIssuer.METADATA_URL);
    SigningKeys routed =
        (metadataUrl, x5t) ->
            metadataUrl.equals(sandboxUrl) ? sandbox.publicKey(x5t) : store.find(metadataUrl, x5t);
    return new ExchangeTokenValidator(
        new ExchangeTokenValidator.Settings(
            trusted, configured.audiences(), configured.clockSkew()),
        routed,
        clock);
  }

  /**
   * The validator's settings from configuration: lists are comma-separated, and the default
   * audience is the add-in's task pane under the public base URL.
   */
  static ExchangeTokenValidator.Settings settings(
      Optional<String> trustedMetadataUrls,
      Optional<String> audiences,
      String publicBaseUrl,
      Duration clockSkew) {
    return new ExchangeTokenValidator.Settings(
        commaSeparated(trustedMetadataUrls), audiences(audiences, publicBaseUrl), clockSkew);
  }

  /**
   * The accepted audiences from configuration, in order: the configured ones, or else the add-in's
   * task pane under the public base URL.
   */
  public static List<String> audiences(Optional<String> audiences, String publicBaseUrl) {
    List<String> accepted = commaSeparated(audiences);
    return accepted.isEmpty()
        ? List.of(publicBaseUrl.replaceAll("/+$", "") + DEFAULT_AUDIENCE_PATH)
        : accepted;
  }

  /** A comma-separated configuration value as a list: items stripped, empty items dropped. */
  public static List<String> commaSeparated(Optional<String> value) {
    return value.stream()
        .flatMap(list -> Arrays.stream(list.split(",")))
        .map(String::strip)
        .filter(item -> !item.isEmpty())
        .toList();
  }

  /**
   * Built at start-up, so that a configuration mistake stops the deployment instead of failing the
   * first request.
   */
  void reportConfiguration(@Observes Startup startup) {
    if (settings.trustedMetadataUrls().isEmpty()) {
      LOG.warning(
          "No trusted Exchange metadata URL is configured"
              + " (identitybridge.exchange.trusted-metadata-urls):"
              + " every Exchange identity token is rejected.");
    } else {
      LOG.info(
          () ->
              "Exchange identity tokens accepted from "
                  + settings.trustedMetadataUrls()
                  + " for audiences "
                  + settings.audiences());
    }
  }

  /**
   * @return the identity of a genuine, current token issued for this add-in
   * @throws InvalidTokenException otherwise; {@code reason().code()} is the API's reason code
   */
  public ExchangeIdentity validate(String token) {
    try {
      ExchangeIdentity identity = validator.validate(token);
      LOG.fine(() -> "Exchange identity token accepted: uniqueID " + identity.uniqueID());
      return identity;
    } catch (InvalidTokenException e) {
      Level level =
          e.reason() == InvalidTokenException.Reason.METADATA_UNAVAILABLE
              ? Level.WARNING
              : Level.INFO;
      LOG.log(level, "Exchange identity token rejected: {0}", e.reason().code());
      throw e;
    }
  }
}
