package dev.identitybridge;

import dev.identitybridge.api.boundary.BearerTokenFilter;
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

/**
 * The add-in's account API and the operational endpoints, under {@code /api}. Classes are listed so
 * that the two applications in this WAR do not both pick up every resource.
 */
@ApplicationPath("api")
public class ApiApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        HealthResource.class,
        MetricsResource.class,
        SessionResource.class,
        LinksResource.class,
        SandboxResource.class,
        BearerTokenFilter.class,
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
