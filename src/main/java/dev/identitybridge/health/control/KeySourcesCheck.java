package dev.identitybridge.health.control;

import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.keys.entity.KeySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Whether this instance holds signing keys to check tokens with. UP while at least one trusted
 * source has usable keys (or none is configured, so there is nothing to wait for); DOWN while no
 * source has any, as right after start-up before the first fetch succeeded. One dead source does
 * not make an instance unready: every instance would see the same outage, and a load balancer that
 * took all of them out would turn one issuer's trouble into everyone's. The admin page names the
 * failing source; this answer, which anyone may read, only counts.
 */
@ApplicationScoped
public class KeySourcesCheck {

  /**
   * @param sources how many trusted key sources there are
   * @param withKeys how many of them have usable keys
   */
  public record Result(int sources, int withKeys) {
    public boolean up() {
      return sources == 0 || withKeys > 0;
    }
  }

  @Inject SigningKeyStore store;

  public Result check() {
    return evaluate(store.snapshots());
  }

  static Result evaluate(List<KeySnapshot> snapshots) {
    int withKeys = (int) snapshots.stream().filter(s -> !s.keys().isEmpty()).count();
    return new Result(snapshots.size(), withKeys);
  }
}
