package dev.identitybridge.api.boundary;

/**
 * A request the API refuses before any business logic runs: a body it cannot read, a resource that
 * is switched off.
 */
public class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final String code;

  public ProblemException(int status, String title, String code, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String code() {
    return code;
  }
}
