package dev.identitybridge.health.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The server's own {@code /health/live}: UP while the application answers. Like {@code
 * /api/health/live} it asks neither the database nor the key sources: a database outage must make
 * instances unready, not get them restarted.
 */
@Liveness
@ApplicationScoped
public class LivenessProbe implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.up("identity-bridge");
  }
}
