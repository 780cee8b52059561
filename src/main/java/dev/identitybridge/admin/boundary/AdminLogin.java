package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.admin.control.AdminSessions;
import dev.identitybridge.admin.control.AdminSessions.Standing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.stream.Collectors;

/**
 * Form login for the admin pages, through a Faces login page that calls {@code
 * SecurityContext.authenticate} ({@link LoginBacking}). The add-in's API does not use it: its calls
 * carry the identity token instead, because cookies are third-party inside Outlook's frame.
 *
 * <p>The server is told who the caller is on every request, from the sign-in that {@link
 * AdminSessions} keeps in the session and checks against the account, rather than by the server's
 * own memory of the login: a plain Serializable session attribute is what Payara's Hazelcast and
 * WildFly's Infinispan replicate faithfully, so an admin whose instance dies carries on at another,
 * and a deleted, disabled or demoted account, or a new password, ends the session on the very next
 * request on every instance. Anonymous requests for an admin page go to the login page and continue
 * where they were going after the login.
 */
@ApplicationScoped
public class AdminLogin implements HttpAuthenticationMechanism {

  static final String LOGIN_PAGE = "/admin/login.xhtml";

  @Inject IdentityStoreHandler identityStores;
  @Inject AdminSessions sessions;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (context.isAuthenticationRequest() && credential != null) {
      // The login form: AccountIdentityStore checks the password and records the sign-in.
      return context.notifyContainerAboutLogin(identityStores.validate(credential));
    }
    Standing standing = sessions.standing(request);
    if (standing instanceof Standing.Admin admin) {
      return context.notifyContainerAboutLogin(
          admin.account().username(),
          admin.account().roles().stream().map(Role::group).collect(Collectors.toSet()));
    }
    if (!context.isProtected()) {
      return context.doNothing();
    }
    if (standing instanceof Standing.Ended) {
      return context.redirect(request.getContextPath() + LOGIN_PAGE + "?ended=true");
    }
    sessions.rememberDestination(request);
    return context.redirect(request.getContextPath() + LOGIN_PAGE);
  }
}
