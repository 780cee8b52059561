package dev.identitybridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.token.control.InvalidTokenException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/** The API description's list of reason codes is a copy (annotations take constants only). */
class ApiDescriptionTest {

  /** What the problem mappers answer for requests that are about neither a token nor an account. */
  private static final List<String> REQUEST_CODES =
      List.of(
          "invalid_request",
          "malformed_request",
          "request_too_large",
          "sandbox_disabled",
          "database_unavailable",
          "internal_error");

  @Test
  void theDescribedReasonCodesAreExactlyTheOnesTheApiAnswers() {
    Schema reasonCode =
        Arrays.stream(
                ApiApplication.class.getAnnotation(OpenAPIDefinition.class).components().schemas())
            .filter(schema -> schema.name().equals("ReasonCode"))
            .findFirst()
            .orElseThrow();

    List<String> answered =
        Stream.of(
                Stream.of(InvalidTokenException.Reason.values())
                    .map(InvalidTokenException.Reason::code),
                Stream.of(AccountException.Reason.values()).map(AccountException.Reason::code),
                REQUEST_CODES.stream())
            .flatMap(codes -> codes)
            .toList();
    assertThat(reasonCode.enumeration()).containsExactlyInAnyOrderElementsOf(answered);
  }
}
