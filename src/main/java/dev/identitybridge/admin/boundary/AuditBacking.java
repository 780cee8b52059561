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
  private int page = 1;
  private Page<AuditEvent> result;

  /** The view action: reads the page that the view parameters ask for. */
  public void load() {
    page = Math.max(1, page);
    result = audit.search(new AuditSearch(actor, action), (page - 1) * PAGE_SIZE, PAGE_SIZE);
  }

  public String filter() {
    page = 1;
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

  public int getPage() {
    return page;
  }

  public void setPage(int page) {
    this.page = page;
  }
}
