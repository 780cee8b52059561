package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.control.AccountException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpSession;
import java.util.function.Function;
import java.util.function.Supplier;

/** The messages the admin pages show, and the redirect after an action (Post-Redirect-Get). */
final class AdminMessages {

  private AdminMessages() {}

  /**
   * Runs a change: when it is done, redirects to the view and shows the sentence it returned there;
   * when it is refused, shows why beside the input that {@code fieldOf} names for the reason (at
   * the top for null) and stays on the page.
   */
  static String change(
      String view, Supplier<String> change, Function<AccountException.Reason, String> fieldOf) {
    try {
      return doneThenShow(view, change.get());
    } catch (AccountException e) {
      refuse(fieldOf.apply(e.reason()), e.getMessage());
      return null;
    }
  }

  /** {@link #change} with every refusal shown at the top of the page. */
  static String change(String view, Supplier<String> change) {
    return change(view, change, reason -> null);
  }

  /** Shows the message on the page the action redirects to, and returns that redirect. */
  static String doneThenShow(String view, String message) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    faces.getExternalContext().getFlash().setKeepMessages(true);
    return view + "?faces-redirect=true&includeViewParams=true";
  }

  /** Shows an error beside an input (or at the top for a null client id), on the same page. */
  static void refuse(String clientId, String message) {
    FacesContext.getCurrentInstance()
        .addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
  }

  /** Whether a value from the URL fits its limit; says so at the top of the page when not. */
  static boolean withinLimit(String what, String value, int maxLength) {
    if (value == null || value.length() <= maxLength) {
      return true;
    }
    refuse(null, "The " + what + " has at most " + maxLength + " characters.");
    return false;
  }

  /** The signed-in administrator, who is the actor of every audited change. */
  static String actor() {
    return FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
  }

  static HttpSession session() {
    return (HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(true);
  }

  /** A password as typed, for the control layer, which wants it as characters. */
  static char[] characters(String password) {
    return password == null ? new char[0] : password.toCharArray();
  }
}
