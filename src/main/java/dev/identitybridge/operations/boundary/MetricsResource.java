package dev.identitybridge.operations.boundary;

import dev.identitybridge.operations.control.Meters;
import dev.identitybridge.operations.control.ScrapeCredential;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * {@code GET /api/metrics}: the Prometheus text format for a scraper holding {@code
 * identitybridge.metrics.token}. 404 while no secret is configured (fail closed), 401 without it.
 */
@Path("metrics")
@RequestScoped
public class MetricsResource {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  @Inject Meters meters;
  @Inject ScrapeCredential credential;

  @GET
  public Response scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    if (!credential.configured()) {
      return Response.status(Status.NOT_FOUND).build();
    }
    if (!credential.accepts(authorization)) {
      return Response.status(Status.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")
          .build();
    }
    return Response.ok(meters.scrape(), PROMETHEUS_TEXT)
        .header("Cache-Control", "no-store")
        .build();
  }
}
