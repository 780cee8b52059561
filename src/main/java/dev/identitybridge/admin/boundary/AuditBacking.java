package dev.identitybridge.admin.boundary;

import dev.identitybridge.audit.control.AuditLog;
import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.audit.entity.AuditEvent;
import dev.identitybridge.audit.entity.AuditSearch;
import dev.identitybridge.persistence.Page;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The audit log, newest first, filtered by actor and action, a page at a time. */
@Named
@ViewScoped
public class AuditBacking implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int PAGE_SIZE = 50;

  @Inject AuditLog audit;

  private String actor;
  private AuditAction action;
  private String page;
  private Page<AuditEvent> result;

  /**
   * The view action: reads the page that the view parameters ask for; an over-long actor shows a
   * message instead of a list, a page number that does not exist shows the nearest page that does.
   */
  public void load() {
    if (AdminMessages.withinLimit("actor", actor, AuditEvent.ACTOR_LENGTH)) {
      result = audit.search(new AuditSearch(actor, action), PageParameter.number(page), PAGE_SIZE);
      PageParameter.explain(page, result);
      page = String.valueOf(result.number());
    }
  }

  public String filter() {
    page = null;
    return "audit?faces-redirect=true&includeViewParams=true";
  }

  public AuditAction[] getActions() {
    return AuditAction.values();
  }

  public Page<AuditEvent> getResult() {
    return result;
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public AuditAction getAction() {
    return action;
  }

  public void setAction(AuditAction action) {
    this.action = action;
  }

  /** The page shown (after {@link #load}), as the pager's links count from it. */
  public int getPageNumber() {
    return result == null ? 1 : result.number();
  }

  public String getPage() {
    return page;
  }

  public void setPage(String page) {
    this.page = page;
  }
}
