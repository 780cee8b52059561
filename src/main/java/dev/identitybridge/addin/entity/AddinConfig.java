package dev.identitybridge.addin.entity;

/**
 * What the task pane needs to know before it asks for a token.
 *
 * @param entra the Entra path (nested app authentication)
 * @param sandbox whether the sandbox issuer is on
 */
public record AddinConfig(Entra entra, Sandbox sandbox) {

  /**
   * @param enabled whether the server accepts Entra ID access tokens at all
   * @param clientId the add-in's app (client) id, or null when off
   * @param scope the full scope the add-in asks MSAL for, or null when off
   * @param authority where MSAL signs users in, or null when off
   */
  public record Entra(boolean enabled, String clientId, String scope, String authority) {}

  public record Sandbox(boolean enabled) {}
}
