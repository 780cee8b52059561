package dev.identitybridge.health.boundary;

import dev.identitybridge.health.control.DatabaseCheck;
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

/**
 * {@code GET /api/health/ready}: UP (200) only while the database answers, else DOWN (503). A
 * signing certificate near its end is a warning beside UP: the instance still serves, so taking it
 * out of rotation would only hurt. {@code GET /api/health/live}: 200 UP while the application
 * answers at all; it touches nothing else, so it is also the baseline of the HTTP benchmarks.
 */
@Path("health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  /**
   * @param warnings sentences for an operator; omitted when there are none
   */
  public record Check(String name, String status, List<String> warnings) {
    public Check(String name, String status) {
      this(name, status, null);
    }
  }

  public record Health(String status, List<Check> checks) {}

  @Inject DatabaseCheck database;
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
    boolean up = database.answers();
    String status = up ? "UP" : "DOWN";
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("database", status));
    List<String> expiring = expiringKeys.within().stream().map(ExpiringKey::warning).toList();
    checks.add(new Check("signing-certificates", "UP", expiring.isEmpty() ? null : expiring));
    return Response.status(up ? Status.OK : Status.SERVICE_UNAVAILABLE)
        .entity(new Health(status, checks))
        .build();
  }
}
