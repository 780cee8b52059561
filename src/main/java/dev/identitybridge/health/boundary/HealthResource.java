package dev.identitybridge.health.boundary;

import dev.identitybridge.health.control.ReadinessChecks;
import dev.identitybridge.keys.control.ExpiringKeys;
import dev.identitybridge.keys.entity.ExpiringKey;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/health/ready}: UP (200) only while the database answers and this instance has
 * signing keys to check tokens with, else DOWN (503); what a load balancer asks before it sends an
 * instance requests. A signing certificate near its end is a warning beside UP: the instance still
 * serves, so taking it out of rotation would only hurt. {@code GET /api/health/live}: 200 UP while
 * the application answers at all; it touches nothing else, so it is also the baseline of the HTTP
 * benchmarks.
 */
@Path("health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  /**
   * @param data figures that say why; left out when there are none
   * @param warnings sentences for an operator; left out when there are none
   */
  public record Check(String name, String status, Map<String, Long> data, List<String> warnings) {}

  public record Health(String status, List<Check> checks) {}

  @Inject ReadinessChecks readiness;
  @Inject ExpiringKeys expiringKeys;

  /** Whether the application answers: no database, no keys. */
  public record Liveness(String status) {}

  private static final Liveness UP = new Liveness("UP");

  @GET
  @Path("live")
  public Liveness live() {
    return UP;
  }

  @GET
  @Path("ready")
  public Response ready() {
    List<ReadinessChecks.Check> checks = readiness.checks();
    boolean up = checks.stream().allMatch(ReadinessChecks.Check::up);
    List<Check> shown = new ArrayList<>();
    for (ReadinessChecks.Check check : checks) {
      shown.add(
          new Check(
              check.name(),
              status(check.up()),
              check.data().isEmpty() ? null : check.data(),
              null));
    }
    List<String> expiring = expiringKeys.within().stream().map(ExpiringKey::warning).toList();
    shown.add(new Check("signing-certificates", "UP", null, expiring.isEmpty() ? null : expiring));
    return Response.status(up ? Status.OK : Status.SERVICE_UNAVAILABLE)
        .entity(new Health(status(up), shown))
        .build();
  }

  private static String status(boolean up) {
    return up ? "UP" : "DOWN";
  }
}
