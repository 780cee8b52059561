package dev.identitybridge.operations.boundary;

import dev.identitybridge.operations.control.TokenChecks;
import dev.identitybridge.operations.entity.TokenReport;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * "Check a token": the admin pastes a token (sent by POST, never in a URL) and sees each check in
 * order. The field is emptied after the check, so the page never carries the token back.
 */
@Named
@ViewScoped
public class TokenCheckBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject TokenChecks checks;

  /**
   * Required and at most 20,000 characters, checked by the page's Faces validators: Bean Validation
   * on this field would also be read by Payara's OpenAPI scanner, which fails on it.
   */
  private String token;

  /** Shown in the response to the check only; never kept with the session. */
  private transient TokenReport report;

  public String check() {
    String pasted = token;
    token = null;
    report =
        checks.check(
            FacesContext.getCurrentInstance().getExternalContext().getRemoteUser(), pasted.strip());
    return null;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public TokenReport getReport() {
    return report;
  }
}
