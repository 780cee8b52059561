package dev.identitybridge;

import dev.identitybridge.addin.boundary.AddinConfigResource;
import dev.identitybridge.api.boundary.BearerTokenFilter;
import dev.identitybridge.api.boundary.JsonBinding;
import dev.identitybridge.api.boundary.LinksResource;
import dev.identitybridge.api.boundary.Problems;
import dev.identitybridge.api.boundary.SessionResource;
import dev.identitybridge.health.boundary.HealthResource;
import dev.identitybridge.operations.boundary.MetricsResource;
import dev.identitybridge.sandbox.boundary.SandboxOnlyFilter;
import dev.identitybridge.sandbox.boundary.SandboxResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The add-in's account API and the operational endpoints, under {@code /api}. Classes are listed so
 * that the two applications in this WAR do not both pick up every resource.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "identity-bridge",
            version = "1",
            description =
                "Validates Outlook add-in tokens (Exchange identity tokens, Entra ID access tokens)"
                    + " and maps them to local accounts. Errors are application/problem+json with"
                    + " a stable reason code."),
    components =
        @Components(
            securitySchemes =
                @SecurityScheme(
                    securitySchemeName = "addinToken",
                    type = SecuritySchemeType.HTTP,
                    scheme = "bearer",
                    bearerFormat = "JWT",
                    description =
                        "The add-in's Exchange identity token or Entra ID access token; the"
                            + " token's own shape decides its kind."),
            schemas = {
              @Schema(
                  name = "ReasonCode",
                  type = SchemaType.STRING,
                  description = "Why a request was refused; stable, part of the API.",
                  enumeration = {
                    "malformed_token",
                    "token_too_large",
                    "unsupported_algorithm",
                    "missing_key_id",
                    "wrong_version",
                    "untrusted_metadata_url",
                    "metadata_unavailable",
                    "unknown_signing_key",
                    "bad_signature",
                    "token_expired",
                    "token_not_yet_valid",
                    "wrong_audience",
                    "wrong_issuer",
                    "tenant_not_allowed",
                    "client_app_not_allowed",
                    "missing_scope",
                    "invalid_credentials",
                    "too_many_attempts",
                    "link_required",
                    "identity_already_linked",
                    "not_linked",
                    "username_taken",
                    "invalid_username",
                    "invalid_display_name",
                    "weak_password",
                    "no_such_account",
                    "own_account",
                    "last_admin",
                    "try_again",
                    "invalid_request",
                    "malformed_request",
                    "request_too_large",
                    "sandbox_disabled",
                    "database_unavailable",
                    "internal_error"
                  }),
              @Schema(
                  name = "Problem",
                  type = SchemaType.OBJECT,
                  description = "An RFC 9457 problem document with our reason code.",
                  properties = {
                    @SchemaProperty(name = "type", type = SchemaType.STRING),
                    @SchemaProperty(name = "title", type = SchemaType.STRING),
                    @SchemaProperty(name = "status", type = SchemaType.INTEGER),
                    @SchemaProperty(name = "detail", type = SchemaType.STRING),
                    @SchemaProperty(name = "code", ref = "ReasonCode")
                  })
            }))
public class ApiApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        HealthResource.class,
        MetricsResource.class,
        SessionResource.class,
        LinksResource.class,
        SandboxResource.class,
        AddinConfigResource.class,
        BearerTokenFilter.class,
        JsonBinding.class,
        SandboxOnlyFilter.class,
        Problems.InvalidToken.class,
        Problems.Account.class,
        Problems.RequestProblem.class,
        Problems.Invalid.class,
        Problems.Unreadable.class,
        Problems.Web.class,
        Problems.Unexpected.class);
  }
}
