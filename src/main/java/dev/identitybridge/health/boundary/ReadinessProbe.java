package dev.identitybridge.health.boundary;

import dev.identitybridge.health.control.ReadinessChecks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The same checks as {@code /api/health/ready} on the server's own {@code /health/ready}, where the
 * server has MicroProfile Health (Payara; WildFly with its microprofile-health subsystem). Where it
 * does not, the container skips this class, whose interfaces it cannot load, and ours answers
 * alone.
 */
@Readiness
@ApplicationScoped
public class ReadinessProbe implements HealthCheck {

  @Inject ReadinessChecks readiness;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("identity-bridge").up();
    for (ReadinessChecks.Check check : readiness.checks()) {
      response.withData(check.name(), check.up() ? "UP" : "DOWN");
      check.data().forEach((name, value) -> response.withData(check.name() + "." + name, value));
      if (!check.up()) {
        response.down();
      }
    }
    return response.build();
  }
}
