package dev.identitybridge.audit.control;

import dev.identitybridge.audit.entity.AuditAction;
import dev.identitybridge.audit.entity.AuditEvent;
import dev.identitybridge.audit.entity.AuditSearch;
import dev.identitybridge.audit.entity.Audited;
import dev.identitybridge.persistence.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records who did what, in the transaction of the change it describes, and finds it again. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditLog {

  @PersistenceContext EntityManager em;

  /** Observed after the transaction commits, so rolled-back changes are never counted. */
  @Inject Event<Audited> audited;

  public void record(String actor, AuditAction action, String target, String detail) {
    em.persist(
        new AuditEvent(
            Instant.now(), clip(actor, 64), action, clip(target, 255), clip(detail, 512)));
    audited.fire(new Audited(action));
  }

  /** Records an action that changed nothing in the database, such as a forced metadata refresh. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordAlone(String actor, AuditAction action, String target, String detail) {
    record(actor, action, target, detail);
  }

  /** One page of the matching events, newest first, read from the database with their number. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<AuditEvent> search(AuditSearch search, int first, int size) {
    List<String> conditions = new ArrayList<>();
    if (search.actor() != null) {
      conditions.add("e.actor = :actor");
    }
    if (search.action() != null) {
      conditions.add("e.action = :action");
    }
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    TypedQuery<Long> count =
        em.createQuery("select count(e) from AuditEvent e" + where, Long.class);
    TypedQuery<AuditEvent> events =
        em.createQuery(
            "select e from AuditEvent e" + where + " order by e.occurredAt desc, e.id desc",
            AuditEvent.class);
    if (search.actor() != null) {
      count.setParameter("actor", search.actor());
      events.setParameter("actor", search.actor());
    }
    if (search.action() != null) {
      count.setParameter("action", search.action());
      events.setParameter("action", search.action());
    }
    List<AuditEvent> items = events.setFirstResult(first).setMaxResults(size).getResultList();
    return new Page<>(items, count.getSingleResult(), first, size);
  }

  private static String clip(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }
}
