package dev.identitybridge.accounts.control;

import dev.identitybridge.accounts.control.AccountException.Reason;
import dev.identitybridge.accounts.entity.LoginAttempt;
import dev.identitybridge.persistence.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link LoginAttempt} rows in the database, which every instance shares. Each change runs in a
 * short transaction of its own under the rows' locks, taken in one order (by key) so that two
 * requests never wait for each other in a circle; the rules themselves are the entity's.
 */
@ApplicationScoped
public class LoginAttempts {

  /**
   * What attempts are counted under.
   *
   * @param id base64url(SHA-256) of what is counted
   * @param forgetOnSuccess whether a success clears the failures (see {@link LoginAttempt#finish})
   */
  public record Key(String id, int limit, boolean forgetOnSuccess) {}

  /** A key without a row yet: {@link #insertIfAbsent} it, then try again. */
  public static final class Missing extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String id;

    Missing(String id) {
      super(null, null, false, false);
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  @PersistenceContext EntityManager em;

  /**
   * Takes a place under every key, or under none.
   *
   * @return each key's round, to hand back to {@link #finish}
   * @throws AccountException TOO_MANY_ATTEMPTS when a key is locked or its places are taken
   * @throws Missing when a key has no row yet
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Map<String, Integer> reserve(List<Key> keys, Instant now, Duration lockout) {
    List<Key> ordered = ordered(keys);
    List<LoginAttempt> rows = new ArrayList<>();
    for (Key key : ordered) {
      LoginAttempt row = lock(key.id());
      if (row == null) {
        throw new Missing(key.id());
      }
      if (!row.admits(now, key.limit(), lockout)) {
        throw new AccountException(
            Reason.TOO_MANY_ATTEMPTS, Reason.TOO_MANY_ATTEMPTS.sentence(), row.retryAfter(now));
      }
      rows.add(row);
    }
    Map<String, Integer> rounds = new HashMap<>();
    for (LoginAttempt row : rows) {
      rounds.put(row.key(), row.reserve(now));
    }
    return rounds;
  }

  /**
   * Ends an attempt under each of its keys.
   *
   * @return the keys that this attempt locked
   */
  @Transactional(TxType.REQUIRES_NEW)
  public List<Key> finish(
      List<Key> keys,
      Map<String, Integer> rounds,
      LoginAttempt.Outcome outcome,
      Instant now,
      Duration lockout) {
    List<Key> locked = new ArrayList<>();
    for (Key key : ordered(keys)) {
      LoginAttempt row = lock(key.id());
      if (row != null
          && row.finish(
              rounds.get(key.id()), outcome, key.forgetOnSuccess(), now, key.limit(), lockout)) {
        locked.add(key);
      }
    }
    return locked;
  }

  /**
   * Adds a key's row unless it is there. The additions of all instances wait for each other (on the
   * guard row 'login_attempt'), so that two first attempts of one key never collide on its primary
   * key: a collision would only be an error to log.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public void insertIfAbsent(String id, Instant now) {
    em.createNativeQuery("select name from change_guard where name = 'login_attempt' for update")
        .getResultList();
    if (em.find(LoginAttempt.class, id) == null) {
      em.persist(new LoginAttempt(id, now));
    }
  }

  /**
   * Deletes the rows that are neither locked nor used for a lock-out period: they count nothing.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public int deleteQuiet(Instant now, Duration lockout) {
    return em.createNamedQuery(LoginAttempt.DELETE_QUIET)
        .setParameter("quietSince", Timestamps.utc(now.minus(lockout)))
        .setParameter("now", Timestamps.utc(now))
        .executeUpdate();
  }

  /** The key's row, locked until the transaction ends; null when there is none. */
  protected LoginAttempt lock(String id) {
    return em.find(LoginAttempt.class, id, LockModeType.PESSIMISTIC_WRITE);
  }

  private static List<Key> ordered(List<Key> keys) {
    return keys.stream().sorted(Comparator.comparing(Key::id)).toList();
  }
}
