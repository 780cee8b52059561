package dev.identitybridge.admin.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Marks the session cookie (the admin login) Secure when users reach the server over https: by
 * default when {@code identitybridge.public-base-url} is https, or as {@code
 * identitybridge.session-cookie-secure} says. Not in web.xml: there it would also apply to
 * plain-http servers, where the browser would then drop the cookie and no login could work.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  @Inject
  @ConfigProperty(name = "identitybridge.public-base-url")
  String publicBaseUrl;

  @Inject
  @ConfigProperty(name = "identitybridge.session-cookie-secure")
  Optional<Boolean> secure;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (secure.orElseGet(() -> publicBaseUrl.regionMatches(true, 0, "https:", 0, 6))) {
      event.getServletContext().getSessionCookieConfig().setSecure(true);
    }
  }
}
