package dev.identitybridge.health.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What both readiness endpoints report: ours and MicroProfile Health's. */
@ApplicationScoped
public class ReadinessChecks {

  /**
   * One check.
   *
   * @param data figures that say why, or empty
   */
  public record Check(String name, boolean up, Map<String, Long> data) {}

  @Inject DatabaseCheck database;
  @Inject KeySourcesCheck keys;

  public List<Check> checks() {
    KeySourcesCheck.Result sources = keys.check();
    return List.of(
        new Check("database", database.answers(), Map.of()),
        new Check(
            "keys",
            sources.up(),
            new TreeMap<>(
                Map.of(
                    "sources", (long) sources.sources(), "withKeys", (long) sources.withKeys()))));
  }
}
