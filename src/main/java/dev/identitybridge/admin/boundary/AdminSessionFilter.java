package dev.identitybridge.admin.boundary;

import dev.identitybridge.admin.control.AdminSessions;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Ends an admin session as soon as its account was deleted, disabled, demoted or given a new
 * password: the server would otherwise go on trusting the roles the session signed in with. The
 * request is not served; the browser is sent to the login page.
 */
@WebFilter(urlPatterns = "/admin/*")
public class AdminSessionFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject AdminSessions sessions;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String user = request.getRemoteUser();
    if (user != null && sessions.refusal(user, request.getSession(false)).isPresent()) {
      request.logout();
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      response.sendRedirect(request.getContextPath() + "/admin/login.xhtml?ended=true");
      return;
    }
    chain.doFilter(request, response);
  }
}
