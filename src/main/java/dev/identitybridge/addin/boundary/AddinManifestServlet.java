package dev.identitybridge.addin.boundary;

import dev.identitybridge.addin.control.AddinManifest;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /addin/manifest.xml}, the file an admin or a user gives Outlook to install the add-in.
 * A servlet rather than a JAX-RS resource, because a JAX-RS application under {@code /addin} would
 * take over the add-in's static files.
 */
@WebServlet("/addin/manifest.xml")
public class AddinManifestServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient AddinManifest manifest;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] xml = manifest.xml().getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/xml");
    response.setCharacterEncoding("UTF-8");
    // Outlook fetches it once at installation; a changed base URL shows up at once.
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(xml.length);
    response.getOutputStream().write(xml);
  }
}
