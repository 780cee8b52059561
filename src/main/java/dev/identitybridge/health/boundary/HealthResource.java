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

/** {@code GET /api/health/ready}: UP (200) only while the database answers, else DOWN (503). */
@Path("health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  public record Check(String name, String status) {}

  public record Health(String status, List<Check> checks) {}

  @Inject DatabaseCheck database;

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
