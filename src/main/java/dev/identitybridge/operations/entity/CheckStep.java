package dev.identitybridge.operations.entity;

/**
 * One check of the token diagnostics, in the order the validator runs them.
 *
 * @param name what is checked
 * @param verdict {@code passed}, {@code failed} or {@code not reached}
 * @param detail what the admin should know: the reason code and sentence, or the actual skew
 */
public record CheckStep(String name, String verdict, String detail) {

  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  public static final String NOT_REACHED = "not reached";
}
