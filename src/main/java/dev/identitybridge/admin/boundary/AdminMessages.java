package dev.identitybridge.admin.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** The messages the admin pages show, and the redirect after an action (Post-Redirect-Get). */
final class AdminMessages {

  private AdminMessages() {}

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

  /** The signed-in administrator, who is the actor of every audited change. */
  static String actor() {
    return FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
  }
}
