package dev.identitybridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.token.control.InvalidTokenException;
import jakarta.ws.rs.PathParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/**
 * The API description's list of reason codes is a copy (annotations take constants only), and the
 * code must stay readable for Payara's OpenAPI scanner.
 */
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

  /**
   * The constraints that Payara 6.2025.10's OpenAPI scanner reads on parameters
   * (ApplicationProcessor.addSchemaParameter): on one without {@code @PathParam} it fails with a
   * NullPointerException and /openapi answers 500.
   */
  private static final Set<String> SCANNED_ON_PARAMETERS =
      Set.of(
          "NotEmpty",
          "NotBlank",
          "Size",
          "DecimalMax",
          "DecimalMin",
          "Max",
          "Min",
          "Negative",
          "NegativeOrZero",
          "Positive",
          "PositiveOrZero");

  @Test
  void noParameterCarriesAConstraintThatBreaksPayarasOpenApiScanner() {
    List<String> offending = new ArrayList<>();
    new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.identitybridge")
        .forEach(
            javaClass -> {
              Class<?> type = javaClass.reflect();
              Stream.concat(
                      Arrays.stream(type.getDeclaredConstructors()),
                      Arrays.stream(type.getDeclaredMethods()))
                  .forEach(executable -> offending.addAll(offendingParameters(executable)));
            });
    assertThat(offending).isEmpty();
  }

  private static List<String> offendingParameters(Executable executable) {
    List<String> offending = new ArrayList<>();
    for (Parameter parameter : executable.getParameters()) {
      if (parameter.isAnnotationPresent(PathParam.class)) {
        continue;
      }
      for (Annotation annotation : parameter.getAnnotations()) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (type.getPackageName().equals("jakarta.validation.constraints")
            && SCANNED_ON_PARAMETERS.contains(type.getSimpleName())) {
          offending.add(executable + ": @" + type.getSimpleName());
        }
      }
    }
    return offending;
  }
}
