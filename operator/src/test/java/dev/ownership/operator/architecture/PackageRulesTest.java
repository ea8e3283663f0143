package dev.ownership.operator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, checked on the compiled main classes. */
class PackageRulesTest {
  static final String ROOT = "dev.ownership.operator";
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
  }

  /**
   * The pure rules (and the suggestion engine beside them) see no client, no thread, no clock and
   * no I/O they were not handed.
   */
  @Test
  void theOwnershipRulesArePure() {
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".ownership..", ROOT + ".suggest..")
        .should()
        .dependOnClassesThat(fabric8ClientOtherThanTheModelBase())
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net..", "java.nio.file..", "java.util.concurrent..", "java.io..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(Thread.class.getName())
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(java.time.Clock.class.getName())
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .check(main);
  }

  /**
   * Only the writer sends raw HTTP to the API server: it is the one that patches workloads. The
   * field manager derives a client from the HTTP client, to add one query parameter to writes.
   */
  @Test
  void onlyTheWriterPatchesWorkloads() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(ROOT + ".controller.WorkloadMetadataWriter")
        .and()
        .doNotHaveFullyQualifiedName(ROOT + ".net.FieldManager")
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "a method of fabric8's raw HTTP client",
                call ->
                    call.getTargetOwner()
                        .isAssignableTo(io.fabric8.kubernetes.client.http.HttpClient.class)))
        .check(main);
  }

  /** The rules and the admission policy decide; only the edges talk to the cluster. */
  @Test
  void theAdmissionPathNeverTalksToTheCluster() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".admission..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(io.fabric8.kubernetes.client.KubernetesClient.class.getName())
        .check(main);
  }

  /** The mock API server ships only for `demo`; nothing on the `run` path can reach it. */
  @Test
  void onlyTheDemoUsesTheInProcessApiServer() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".demo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8.kubernetes.client.server.mock..", "io.fabric8.mockwebserver..")
        .check(main);
  }

  /** Leaves stay leaves: the pure rules and the text helpers depend on no other part. */
  @Test
  void theRulesDependOnNothingButTheApiAndText() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".ownership..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".ownership..",
            ROOT + ".api..",
            ROOT + ".text..",
            "java.lang..",
            "java.util..",
            "java.time..",
            "java.math..",
            "io.fabric8.kubernetes.api.model..",
            "io.fabric8.kubernetes.client")
        .check(main);
  }

  /** Suggestions rest on the rules' results; nothing below them knows suggestions exist. */
  @Test
  void theSuggestionEngineDependsOnTheRulesAlone() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".suggest..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".suggest..",
            ROOT + ".ownership..",
            ROOT + ".api..",
            ROOT + ".text..",
            "java.lang..",
            "java.util..",
            "io.fabric8.kubernetes.api.model..",
            "com.fasterxml.jackson.databind..")
        .check(main);
  }

  private static DescribedPredicate<JavaClass> fabric8ClientOtherThanTheModelBase() {
    return DescribedPredicate.describe(
        "fabric8 client classes (other than the CustomResource model base)",
        c ->
            c.getPackageName().startsWith("io.fabric8.kubernetes.client")
                && !c.getName().equals("io.fabric8.kubernetes.client.CustomResource"));
  }
}
