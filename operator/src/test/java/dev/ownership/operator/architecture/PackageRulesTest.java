package dev.ownership.operator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, checked on the compiled main classes. */
class PackageRulesTest {
  static final String ROOT = "dev.ownership.operator";
  private static JavaClasses main;

  /** Fabric8 DSL methods that change an object. */
  private static final Set<String> WRITES =
      Set.of(
          "create",
          "update",
          "patch",
          "edit",
          "replace",
          "delete",
          "serverSideApply",
          "createOr",
          "createOrReplace",
          "patchStatus",
          "updateStatus",
          "editStatus",
          "replaceStatus");

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

  /**
   * Outside `demo` (which seeds its own API server), the operator's only fabric8 writes are to its
   * own objects: the Lease it releases, the webhook certificate's Secret and configurations, and
   * Events. Workloads change through the writer's merge patch alone (the rule above).
   */
  @Test
  void noOtherClassWritesThroughTheFabric8Dsl() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".demo..")
        .and()
        .doNotHaveFullyQualifiedName(ROOT + ".leadership.LeaseRelease")
        .and()
        .doNotHaveFullyQualifiedName(ROOT + ".tls.WebhookCertificateManager")
        .and()
        .doNotHaveFullyQualifiedName(ROOT + ".controller.WorkloadEventRecorder")
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "a write method of fabric8's resource DSL",
                call ->
                    call.getTargetOwner()
                            .getPackageName()
                            .startsWith("io.fabric8.kubernetes.client")
                        && WRITES.contains(call.getName())))
        .check(main);
  }

  /**
   * The status path runs one way: the controller asks for statuses through {@code StatusRequests}
   * and records resolutions in the ledger; the reconcilers read those. Neither side knows the
   * other.
   */
  @Test
  void theReconcilersAndTheWorkloadControllerDoNotKnowEachOther() {
    noClasses()
        .that()
        .haveFullyQualifiedName(ROOT + ".controller.ServiceOwnershipReconciler")
        .or()
        .haveFullyQualifiedName(ROOT + ".controller.TeamReconciler")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(ROOT + ".controller.OwnershipController")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(ROOT + ".controller.WorkloadMetadataWriter")
        .check(main);
    noClasses()
        .that()
        .haveFullyQualifiedName(ROOT + ".controller.OwnershipController")
        .or()
        .haveFullyQualifiedName(ROOT + ".controller.WorkloadMetadataWriter")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(ROOT + ".controller.ServiceOwnershipReconciler")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(ROOT + ".controller.TeamReconciler")
        .check(main);
  }

  /** Every thread is a named daemon from one factory, so none can keep the JVM from exiting. */
  @Test
  void threadsComeOnlyFromDaemonThreads() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(ROOT + ".concurrency.DaemonThreads")
        .should()
        .callConstructorWhere(
            DescribedPredicate.describe(
                "a constructor of java.lang.Thread",
                call -> call.getTargetOwner().isEquivalentTo(Thread.class)))
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
