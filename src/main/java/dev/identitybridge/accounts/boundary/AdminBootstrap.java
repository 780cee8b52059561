package dev.identitybridge.accounts.boundary;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.config.control.Configuration;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * On a first start there is no administrator: create {@code admin}, with the password from {@code
 * IDENTITYBRIDGE_ADMIN_PASSWORD}, or with a random one printed once in the log.
 */
@ApplicationScoped
public class AdminBootstrap {

  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  static final String USERNAME = "admin";

  @Inject Accounts accounts;

  @Inject Configuration configuration;

  void createFirstAdmin(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) Startup startup) {
    if (accounts.countWithRole(Role.ADMIN) > 0) {
      return;
    }
    Optional<String> configured = configuration.adminPassword();
    boolean generated = configured.isEmpty();
    String password = configured.orElseGet(AdminBootstrap::randomPassword);
    try {
      accounts.create(
          "system",
          USERNAME,
          "Administrator",
          password.toCharArray(),
          EnumSet.of(Role.ADMIN, Role.USER));
    } catch (AccountException e) {
      if (e.reason() != Reason.USERNAME_TAKEN) {
        throw e;
      }
      // Several instances started at once on a new database: another one created it first.
      LOG.info("Another instance created the administrator account 'admin' first");
      return;
    }
    if (generated) {
      LOG.warning(
          "\n==========================================================================\n"
              + " identity-bridge created the administrator account 'admin' with the password\n"
              + "     "
              + password
              + "\n It is shown only this once. Sign in at /admin/ and change it, or set\n"
              + " IDENTITYBRIDGE_ADMIN_PASSWORD before the first start next time.\n"
              + "==========================================================================");
    } else {
      LOG.info("Created the administrator account 'admin' from IDENTITYBRIDGE_ADMIN_PASSWORD");
    }
  }

  private static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
