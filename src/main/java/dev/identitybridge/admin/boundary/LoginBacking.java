package dev.identitybridge.admin.boundary;

import dev.identitybridge.admin.control.AdminSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The admin login page. The credentials go to the identity store of the local accounts ({@code
 * AccountIdentityStore}), which lets only enabled administrators in and counts failures apart from
 * mailbox linking. Every refusal (wrong password, unknown user, an account that may not use the
 * admin pages, too many attempts) gets the same message.
 */
@Named
// Request-scoped, unlike the other pages' beans: the form keeps nothing between requests, and
// Jakarta Security's SecurityContext does not serialise, so in the view scope it would keep the
// session from being copied to another instance.
@RequestScoped
public class LoginBacking {

  @Inject SecurityContext securityContext;
  @Inject AdminSessions sessions;

  private String username;
  private String password;

  /**
   * The view action: confirms a sign-out, which redirects here with {@code signedOut=true}, and
   * explains a session that {@link AdminLogin} ended because its account changed ({@code
   * ended=true}).
   */
  public void greet() {
    FacesContext faces = FacesContext.getCurrentInstance();
    var parameters = faces.getExternalContext().getRequestParameterMap();
    if ("true".equals(parameters.get("signedOut"))) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_INFO, "You have signed out.", null));
    }
    if ("true".equals(parameters.get("ended"))) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_INFO,
              "Your session has ended because your account was changed. Sign in again.",
              null));
    }
  }

  public void login() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    HttpServletResponse response = (HttpServletResponse) external.getResponse();
    if (request.getSession(false) != null) {
      // Session fixation: whoever knew the session id before the login must not share it after.
      request.changeSessionId();
    }
    AuthenticationStatus status =
        securityContext.authenticate(
            request,
            response,
            AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username, new Password(password))));
    password = null;
    if (status == AuthenticationStatus.SUCCESS) {
      external.redirect(
          sessions.takeDestination(
              request.getSession(), external.getRequestContextPath() + "/admin/links.xhtml"));
    } else {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              "The username or password is not correct, or there were too many failed"
                  + " attempts. Try again later.",
              null));
    }
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
