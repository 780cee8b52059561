package dev.identitybridge.accounts.control;

import dev.identitybridge.accounts.entity.AuditAction;
import dev.identitybridge.accounts.entity.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Records who did what, in the transaction of the change it describes. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditLog {

  @PersistenceContext EntityManager em;

  public void record(String actor, AuditAction action, String target, String detail) {
    em.persist(
        new AuditEvent(
            Instant.now(), clip(actor, 64), action, clip(target, 255), clip(detail, 512)));
  }

  private static String clip(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }
}
