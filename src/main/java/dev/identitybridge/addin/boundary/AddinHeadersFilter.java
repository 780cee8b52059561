package dev.identitybridge.addin.boundary;

import dev.identitybridge.config.control.Configuration;
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
 * Security headers for the add-in's pages. Outlook shows the task pane in a frame, so framing is
 * allowed for Outlook's hosts only ({@code identitybridge.addin.frame-ancestors}; an on-premises
 * Outlook on the web is added by the admin). Scripts and styles come from this server and from
 * Microsoft's Office.js CDN, which loads further scripts of its own from the same host. MSAL.js is
 * served from this server ({@code /addin/msal/}); it may only connect to Entra ID's sign-in host.
 */
@WebFilter("/addin/*")
public class AddinHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final String OFFICE_CDN = "https://appsforoffice.microsoft.com";

  /**
   * Entra ID's sign-in host. MSAL.js (served from this server) talks to it when nested app
   * authentication needs the network: discovery and token requests outside the host's bridge.
   * Nothing else is allowed: no script, style or frame comes from there.
   */
  static final String ENTRA_LOGIN = "https://login.microsoftonline.com";

  @Inject transient Configuration configuration;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", policy(configuration.frameAncestors()));
    response.setHeader("X-Content-Type-Options", "nosniff");
    // Tokens never travel in URLs, but the pages have no reason to tell anyone where they are.
    response.setHeader("Referrer-Policy", "no-referrer");
    chain.doFilter(request, response);
  }

  /**
   * @param frameAncestors the sources allowed to frame the pages
   */
  static String policy(List<String> frameAncestors) {
    String ancestors = String.join(" ", frameAncestors);
    return String.join(
        "; ",
        "default-src 'self'",
        "script-src 'self' " + OFFICE_CDN,
        "style-src 'self' " + OFFICE_CDN,
        "img-src 'self' data: " + OFFICE_CDN,
        "connect-src 'self' " + OFFICE_CDN + " " + ENTRA_LOGIN,
        "frame-src 'self' " + OFFICE_CDN,
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors " + (ancestors.isEmpty() ? "'none'" : ancestors));
  }
}
