package dev.identitybridge;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The features form a tree: a package that is imported never imports its importer, the token port
 * knows no issuer, and nothing but the sandbox itself names the sandbox.
 */
class PackageGraphTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.identitybridge");

  @Test
  void featuresHaveNoCycles() {
    slices().matching("dev.identitybridge.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theTokenPortImportsNothingOfOursOutsideIt() {
    noClasses()
        .that()
        .resideInAPackage("dev.identitybridge.token..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.identitybridge..")
                .and(resideOutsideOfPackage("dev.identitybridge.token..")))
        .check(MAIN);
  }

  @Test
  void configurationAndPersistenceAreLeaves() {
    for (String leaf : new String[] {"config", "persistence"}) {
      noClasses()
          .that()
          .resideInAPackage("dev.identitybridge." + leaf + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.identitybridge.accounts..",
              "dev.identitybridge.addin..",
              "dev.identitybridge.admin..",
              "dev.identitybridge.api..",
              "dev.identitybridge.audit..",
              "dev.identitybridge.entra..",
              "dev.identitybridge.exchange..",
              "dev.identitybridge.health..",
              "dev.identitybridge.keys..",
              "dev.identitybridge.sandbox..",
              "dev.identitybridge.token..",
              leaf.equals("config")
                  ? "dev.identitybridge.persistence.."
                  : "dev.identitybridge.config..")
          .check(MAIN);
    }
  }

  @Test
  void nobodyNamesTheSandbox() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.identitybridge.sandbox..")
        .and()
        .resideOutsideOfPackage("dev.identitybridge")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.identitybridge.sandbox..")
        .check(MAIN);
  }
}
