package dev.identitybridge.it;

import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.Role;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;

/**
 * Test-only: added to the WAR under test by {@link Deployments#withSeeding()} so that the tests can
 * create accounts and count rows. Never part of the shipped WAR.
 */
@WebServlet("/it-seed/*")
public class SeedServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject Accounts accounts;
  @PersistenceContext EntityManager em;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String username = request.getParameter("username");
    accounts.create(
        "it-seed",
        username,
        "Seeded " + username,
        request.getParameter("password").toCharArray(),
        EnumSet.of(Role.USER));
    if ("false".equals(request.getParameter("enabled"))) {
      accounts.enable("it-seed", username, false);
    }
    response.setStatus(201);
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response) {
    accounts.enable(
        "it-seed",
        request.getParameter("username"),
        Boolean.parseBoolean(request.getParameter("enabled")));
    response.setStatus(204);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long links =
        em.createQuery(
                "select count(l) from IdentityLink l where l.uniqueId = :uniqueId", Long.class)
            .setParameter("uniqueId", request.getParameter("uniqueId"))
            .getSingleResult();
    response.setContentType("text/plain");
    response.getWriter().print(links);
  }
}
