package dev.identitybridge.admin.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
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
import java.io.Serializable;

/**
 * The admin login page. The credentials go to the same identity store, password hashing and
 * lock-out as mailbox linking ({@code AccountIdentityStore}).
 */
@Named
@ViewScoped
public class LoginBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject SecurityContext securityContext;

  private String username;
  private String password;

  /** The view action: confirms a sign-out, which redirects here with {@code signedOut=true}. */
  public void greet() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if ("true".equals(faces.getExternalContext().getRequestParameterMap().get("signedOut"))) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_INFO, "You have signed out.", null));
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
                .credential(new UsernamePasswordCredential(username, new Password(password)))
                // Not a "new" authentication: that would make Soteria drop the page the admin
                // asked for, instead of continuing there after the login.
                .newAuthentication(false));
    password = null;
    switch (status) {
      case SEND_CONTINUE -> faces.responseComplete();
      case SUCCESS -> external.redirect(external.getRequestContextPath() + "/admin/links.xhtml");
      default ->
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
