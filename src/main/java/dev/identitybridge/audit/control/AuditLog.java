package dev.identitybridge.audit.control;

import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.audit.entity.AuditEvent;
import dev.identitybridge.audit.entity.AuditSearch;
import dev.identitybridge.audit.entity.Audited;
import dev.identitybridge.persistence.Page;
import dev.identitybridge.persistence.PagedSearch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Records who did what, in the transaction of the change it describes, and finds it again. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditLog {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** Observed after the transaction commits, so rolled-back changes are never counted. */
  @Inject Event<Audited> audited;

  public void record(String actor, AuditAction action, String target, String detail) {
    em.persist(
        new AuditEvent(
            clock.instant(),
            clip(actor, AuditEvent.ACTOR_LENGTH),
            action,
            clip(target, AuditEvent.TARGET_LENGTH),
            clip(detail, AuditEvent.DETAIL_LENGTH)));
    audited.fire(new Audited(action));
  }

  /**
   * Records an event in a transaction of its own: an action that changed nothing in the database (a
   * forced metadata refresh, a sign-in) or one that was refused.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordAlone(String actor, AuditAction action, String target, String detail) {
    record(actor, action, target, detail);
  }

  /** One page of the matching events, newest first, read from the database with their number. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<AuditEvent> search(AuditSearch search, int page, int size) {
    return PagedSearch.of(em, AuditEvent.class, "e", "AuditEvent", "e")
        .where("e.actor = :actor", "actor", search.actor())
        .where("e.action = :action", "action", search.action())
        .page(page, size, "e.occurredAt desc, e.id desc");
  }

  private static String clip(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length - 1) + "…";
  }
}
