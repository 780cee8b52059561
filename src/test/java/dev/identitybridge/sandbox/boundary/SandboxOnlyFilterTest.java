package dev.identitybridge.sandbox.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.identitybridge.api.boundary.ProblemException;
import dev.identitybridge.sandbox.control.SandboxIssuer;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class SandboxOnlyFilterTest {

  @Test
  void answersNotFoundWhileTheSandboxIsOff() {
    SandboxOnlyFilter filter = new SandboxOnlyFilter();
    filter.sandbox =
        new SandboxIssuer(false, "http://localhost:8080/addin/taskpane.html", Clock.systemUTC());

    ProblemException refused =
        catchThrowableOfType(ProblemException.class, () -> filter.filter(null));

    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.code()).isEqualTo("sandbox_disabled");
  }

  @Test
  void everyEndpointOfTheSandboxIsThereOnlyWhileItIsOn() {
    assertThat(SandboxResource.class.getDeclaredMethods())
        .filteredOn(method -> java.lang.reflect.Modifier.isPublic(method.getModifiers()))
        .isNotEmpty()
        .allSatisfy(
            method ->
                assertThat(method.isAnnotationPresent(SandboxOnly.class))
                    .as(method.getName())
                    .isTrue());
  }
}
