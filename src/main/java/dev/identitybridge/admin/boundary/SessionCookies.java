package dev.identitybridge.admin.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Marks the session cookie (the admin login) Secure when users reach the server over https. Not in
 * web.xml: there it would also apply to plain-http development servers, where the browser would
 * then drop the cookie and no login could work.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  @Inject
  @ConfigProperty(name = "identitybridge.public-base-url")
  String publicBaseUrl;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (publicBaseUrl.regionMatches(true, 0, "https:", 0, 6)) {
      event.getServletContext().getSessionCookieConfig().setSecure(true);
    }
  }
}
