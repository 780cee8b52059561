package dev.identitybridge.admin.boundary;

import dev.identitybridge.config.control.Configuration;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Marks the session cookie (the admin login) Secure when users reach the server over https: by
 * default when {@code identitybridge.public-base-url} is https, or as {@code
 * identitybridge.session-cookie-secure} says. Not in web.xml: there it would also apply to
 * plain-http servers, where the browser would then drop the cookie and no login could work.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  @Inject Configuration configuration;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (configuration.sessionCookieSecure()) {
      event.getServletContext().getSessionCookieConfig().setSecure(true);
    }
  }
}
