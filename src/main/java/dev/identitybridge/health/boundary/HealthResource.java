package dev.identitybridge.health.boundary;

import dev.identitybridge.health.control.DatabaseCheck;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/**
 * {@code GET /api/health/ready}: UP (200) only while the database answers, else DOWN (503). {@code
 * GET /api/health/live}: 200 UP while the application answers at all; it touches nothing else, so
 * it is also the baseline of the HTTP benchmarks.
 */
@Path("health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  public record Check(String name, String status) {}

  public record Health(String status, List<Check> checks) {}

  @Inject DatabaseCheck database;

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
    return Response.status(up ? Status.OK : Status.SERVICE_UNAVAILABLE)
        .entity(new Health(status, List.of(new Check("database", status))))
        .build();
  }
}
