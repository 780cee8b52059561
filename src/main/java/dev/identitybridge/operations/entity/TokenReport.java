package dev.identitybridge.operations.entity;

import java.util.List;
import java.util.Map;

/**
 * What the diagnostics page shows about one token. Holds its decoded header and claims, never the
 * token or its signature.
 *
 * @param kind {@code exchange}, {@code entra}, or {@code unknown}
 * @param outcome {@code valid} or the reason code
 * @param message the validator's sentence, or a summary
 * @param uniqueId the uniqueID it maps to, when valid
 * @param account the username linked to that uniqueID, or null
 */
public record TokenReport(
    String kind,
    String outcome,
    String message,
    List<CheckStep> steps,
    Map<String, String> header,
    Map<String, String> claims,
    String uniqueId,
    String account) {

  public boolean valid() {
    return "valid".equals(outcome);
  }
}
