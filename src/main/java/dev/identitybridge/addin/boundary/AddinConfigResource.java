package dev.identitybridge.addin.boundary;

import dev.identitybridge.addin.entity.AddinConfig;
import dev.identitybridge.config.control.Configuration;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/addin/config}: whether the task pane may try nested app authentication, with the
 * client id and scope to ask MSAL for, and whether the sandbox is on. Nothing in it is secret.
 */
@Path("addin/config")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AddinConfigResource {

  /** Multi-tenant sign-in, as Microsoft's NAA samples use it; the server decides the tenants. */
  static final String AUTHORITY = "https://login.microsoftonline.com/common";

  @Inject Configuration configuration;

  @GET
  public AddinConfig config() {
    AddinConfig.Entra entra =
        configuration
            .entraClientId()
            .map(
                clientId ->
                    new AddinConfig.Entra(
                        true,
                        clientId,
                        configuration.entraAppIdUri(clientId)
                            + "/"
                            + configuration.entraRequiredScope(),
                        AUTHORITY))
            .orElse(new AddinConfig.Entra(false, null, null, null));
    return new AddinConfig(entra, new AddinConfig.Sandbox(configuration.sandboxEnabled()));
  }
}
