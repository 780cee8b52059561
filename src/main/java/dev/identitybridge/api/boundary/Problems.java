package dev.identitybridge.api.boundary;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.api.entity.Problem;
import dev.identitybridge.persistence.DatabaseOutages;
import dev.identitybridge.token.control.InvalidTokenException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Renders every refusal as {@code application/problem+json}, one mapper per exception family. */
public final class Problems {

  private static final Logger LOG = Logger.getLogger(Problems.class.getName());

  private Problems() {}

  static Response response(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  /** A rejected bearer token: 401 with the token's reason code. */
  @Provider
  public static class InvalidToken implements ExceptionMapper<InvalidTokenException> {
    @Override
    public Response toResponse(InvalidTokenException e) {
      int status =
          e.reason() == InvalidTokenException.Reason.METADATA_UNAVAILABLE
              ? Status.SERVICE_UNAVAILABLE.getStatusCode()
              : Status.UNAUTHORIZED.getStatusCode();
      return Response.fromResponse(
              response(Problem.of(status, "Invalid token", e.getMessage(), e.reason().code())))
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
          .build();
    }
  }

  /** Account and link refusals. */
  @Provider
  public static class Account implements ExceptionMapper<AccountException> {
    @Override
    public Response toResponse(AccountException e) {
      Status status =
          switch (e.reason()) {
            case INVALID_CREDENTIALS, LINK_REQUIRED -> Status.UNAUTHORIZED;
            case TOO_MANY_ATTEMPTS -> Status.TOO_MANY_REQUESTS;
            case IDENTITY_ALREADY_LINKED, USERNAME_TAKEN, TRY_AGAIN, OWN_ACCOUNT, LAST_ADMIN ->
                Status.CONFLICT;
            case NOT_LINKED, NO_SUCH_ACCOUNT -> Status.NOT_FOUND;
            case WEAK_PASSWORD, INVALID_USERNAME, INVALID_DISPLAY_NAME -> Status.BAD_REQUEST;
          };
      Response.ResponseBuilder response =
          Response.fromResponse(
              response(
                  Problem.of(
                      status.getStatusCode(),
                      status.getReasonPhrase(),
                      e.getMessage(),
                      e.reason().code())));
      if (status == Status.UNAUTHORIZED) {
        response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"identity-bridge\"");
      }
      if (e.retryAfter() != null) {
        // Rounded up: a client that waits this long finds the lock-out over.
        long seconds = (e.retryAfter().toMillis() + 999) / 1000;
        response.header(HttpHeaders.RETRY_AFTER, Math.max(1, seconds));
      }
      return response.build();
    }
  }

  @Provider
  public static class RequestProblem implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException e) {
      return response(Problem.of(e.status(), e.title(), e.getMessage(), e.code()));
    }
  }

  /** Bean Validation of a request body: 400 listing what is wrong. */
  @Provider
  public static class Invalid implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
      String detail =
          e.getConstraintViolations().stream()
              .map(v -> v.getMessage())
              .sorted()
              .collect(Collectors.joining(" "));
      return response(Problem.of(400, "Bad Request", detail, "invalid_request"));
    }
  }

  /** A request body that the JSON binding could not read. */
  @Provider
  public static class Unreadable implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
      return response(
          Problem.of(
              400,
              "Bad Request",
              "The request body is not JSON of the expected shape.",
              "malformed_request"));
    }
  }

  /**
   * The runtime's own refusals (404, 405, 415, unreadable JSON...): same status and headers, in the
   * same problem format as ours.
   */
  @Provider
  public static class Web implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response original = e.getResponse();
      int status = original.getStatus();
      String title = original.getStatusInfo().getReasonPhrase();
      String code = status == 400 ? "malformed_request" : "http_" + status;
      Response.ResponseBuilder response =
          Response.fromResponse(
              response(Problem.of(status, title, "The request was refused: " + title + ".", code)));
      original
          .getHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                  values.forEach(value -> response.header(name, value));
                }
              });
      return response.build();
    }
  }

  /**
   * Anything unexpected: 500 without details, and an id to find the cause in the log. A database
   * that cannot be reached is no bug of ours but an outage: 503 {@code database_unavailable} with
   * {@code Retry-After}, so that a client or a load balancer tries again (the transaction was
   * rolled back, so nothing was half-written).
   */
  @Provider
  public static class Unexpected implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
      if (DatabaseOutages.unreachable(e)) {
        LOG.log(Level.WARNING, "The database cannot be reached: {0}", rootMessage(e));
        return Response.fromResponse(
                response(
                    Problem.of(
                        503,
                        "Service Unavailable",
                        "The database cannot be reached right now. Try again shortly.",
                        "database_unavailable")))
            .header(HttpHeaders.RETRY_AFTER, "5")
            .build();
      }
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
      return response(
          Problem.of(
              500,
              "Internal Server Error",
              "Something went wrong on our side (incident " + incident + ").",
              "internal_error"));
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
