package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.NeedsTool;
import dev.ownership.operator.who.TargetKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.model.annotation.Version;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The "Supported Kubernetes versions" table of docs/install.md names every API version the shipped
 * manifests and the operator's code use, so the stated minimum can be checked against it.
 */
class SupportedKubernetesVersionsTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

  /** The first column of the table under "## Supported Kubernetes versions". */
  static Set<String> documented() throws IOException {
    String text = InstallDocs.text();
    int start = text.indexOf("## Supported Kubernetes versions");
    assertThat(start).as("docs/install.md has the section").isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    Matcher row = ROW.matcher(text.substring(start, end < 0 ? text.length() : end));
    Set<String> versions = new TreeSet<>();
    while (row.find()) versions.add(row.group(1));
    assertThat(versions).as("API versions listed in the section").isNotEmpty();
    return versions;
  }

  /**
   * Every directory of deploy/ that kustomize can render: all the entry points a user may apply.
   */
  static List<String> entryPoints() throws IOException {
    try (Stream<Path> files = Files.walk(Kustomize.REPO_ROOT.resolve("deploy"))) {
      return files
          .filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
          .map(f -> Kustomize.REPO_ROOT.relativize(f.getParent()).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  @NeedsTool({"kubectl"})
  void everyApiVersionTheEntryPointsRenderIsListed() throws Exception {
    List<String> entryPoints = entryPoints();
    assertThat(entryPoints)
        .contains(
            "deploy/default",
            "deploy/overlays/cert-manager",
            "deploy/network-policy",
            "deploy/namespace-label-guard",
            "deploy/prometheus",
            "deploy/examples");
    Map<String, String> rendered = new TreeMap<>();
    for (String entryPoint : entryPoints) {
      for (JsonNode object : Kustomize.render(entryPoint).objects()) {
        rendered.putIfAbsent(
            object.path("apiVersion").asText(),
            entryPoint + ": " + object.path("kind").asText() + " " + object.at("/metadata/name"));
      }
    }
    assertThat(rendered.keySet()).contains("apps/v1", "cert-manager.io/v1", "networking.k8s.io/v1");
    Set<String> documented = documented();
    Map<String, String> missing = new TreeMap<>(rendered);
    missing.keySet().removeAll(documented);
    assertThat(missing).as("rendered apiVersions that docs/install.md does not list").isEmpty();
  }

  @Test
  void everyApiTheOperatorsCodeCallsIsListed() throws Exception {
    Map<String, String> used = new TreeMap<>();
    for (WorkloadKind kind : WorkloadKind.values()) used.put(kind.apiVersion(), "watched " + kind);
    for (TargetKind kind : TargetKind.values()) used.putIfAbsent(kind.apiVersion(), "who " + kind);
    used.put(ServiceOwnership.API_VERSION, "the CRDs");
    // The typed resources the main classes name (Secret, Lease, Event, the webhook configuration,
    // the CRD of the demo, ...), each with the apiVersion fabric8 sends for it.
    for (Class<?> resource : typedResourcesOfTheMainClasses()) {
      used.putIfAbsent(HasMetadata.getApiVersion(resource), resource.getSimpleName());
    }
    assertThat(used.keySet())
        .contains(
            "v1",
            "apps/v1",
            "batch/v1",
            "coordination.k8s.io/v1",
            "admissionregistration.k8s.io/v1",
            "apiextensions.k8s.io/v1",
            ServiceOwnership.API_VERSION);
    Map<String, String> missing = new TreeMap<>(used);
    missing.keySet().removeAll(documented());
    assertThat(missing)
        .as("API versions the code uses that docs/install.md does not list")
        .isEmpty();
  }

  /** Concrete Kubernetes resource classes (with a fabric8 version) the main classes depend on. */
  static List<Class<?>> typedResourcesOfTheMainClasses() {
    Set<String> names = new TreeSet<>();
    for (JavaClass main :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ownership.operator")) {
      main.getDirectDependenciesFromSelf()
          .forEach(d -> names.add(d.getTargetClass().getBaseComponentType().getName()));
    }
    // ArchUnit sees fabric8's classes only by name: ask the class loader for the rest.
    List<Class<?>> resources = new ArrayList<>();
    for (String name : names) {
      Class<?> type = load(name);
      if (type != null
          && HasMetadata.class.isAssignableFrom(type)
          && type.isAnnotationPresent(Version.class)
          && !Modifier.isAbstract(type.getModifiers())) {
        resources.add(type);
      }
    }
    return resources;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, SupportedKubernetesVersionsTest.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null; // a primitive type, or a class only the shaded jar has
    }
  }
}
