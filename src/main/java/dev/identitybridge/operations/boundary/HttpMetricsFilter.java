package dev.identitybridge.operations.boundary;

import dev.identitybridge.operations.control.Meters;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Times every request into {@code http_server_requests}, labelled with a route from a fixed list
 * (never the raw path, which a caller could fill with anything).
 */
@WebFilter(urlPatterns = "/*")
public class HttpMetricsFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** Longest first, so that the most specific route wins. */
  private static final List<String> ROUTES =
      List.of(
          "/IdentityTestService/UnpackTokenJSON",
          "/api/links/current",
          "/api/addin/config",
          "/api/health/ready",
          "/api/session",
          "/api/links",
          "/api/metrics",
          "/api/sandbox",
          "/addin/",
          "/admin/");

  @Inject transient Meters meters;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long started = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      int status = response.getStatus();
      meters.httpRequest(
          request.getMethod(),
          route(request.getRequestURI(), request.getContextPath()),
          status,
          System.nanoTime() - started);
    }
  }

  static String route(String uri, String contextPath) {
    String path = uri.substring(Math.min(contextPath.length(), uri.length()));
    for (String route : ROUTES) {
      if (path.startsWith(route)) {
        return route.endsWith("/") ? route + "**" : route;
      }
    }
    return "other";
  }
}
