package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.deploy.Kustomize.Rendered;
import dev.ownership.operator.testing.NeedsTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's install line {@code kubectl apply -f crds/} applies CustomResourceDefinitions and
 * nothing else, and every CRD of crds/ reaches the kustomize entry points.
 */
class CrdFilesTest {
  static final String INSTALL_LINE = "kubectl apply -f crds/";
  static final Path CRDS = Kustomize.REPO_ROOT.resolve("crds");

  /** What {@code kubectl apply -f DIR} reads: the *.json, *.yaml and *.yml files directly in it. */
  static List<Path> filesKubectlReads() throws IOException {
    try (Stream<Path> files = Files.list(CRDS)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches(".*\\.(json|yaml|yml)"))
          .sorted()
          .toList();
    }
  }

  @Test
  void theReadmeInstallsTheCrdsWithThatLine() throws IOException {
    String readme = Files.readString(Kustomize.REPO_ROOT.resolve("README.md"));
    int section = readme.indexOf("## Install on a cluster");
    assertThat(section).as("README has the section Install on a cluster").isNotNegative();
    String install = readme.substring(section, readme.indexOf("\n## ", section + 1));
    assertThat(install.lines().map(String::trim))
        .anySatisfy(line -> assertThat(line).matches(Pattern.quote(INSTALL_LINE) + "(\\s+#.*)?"));
  }

  @Test
  void everyDocumentThatLineAppliesIsACustomResourceDefinition() throws IOException {
    List<Path> files = filesKubectlReads();
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      List<JsonNode> documents = Kustomize.parse(Files.readString(file));
      assertThat(documents).as(file.toString()).isNotEmpty();
      for (JsonNode document : documents) {
        assertThat(document.path("kind").asText())
            .as("kind of a document in %s", file)
            .isEqualTo("CustomResourceDefinition");
        assertThat(document.path("apiVersion").asText()).isEqualTo("apiextensions.k8s.io/v1");
      }
    }
  }

  /**
   * The real kubectl, pointed at a server that refuses connections, names each file it read in its
   * error; those must be exactly the files above (so the extension rule is kubectl's own).
   */
  @Test
  @NeedsTool({"kubectl"})
  void kubectlReadsExactlyThoseFiles() throws Exception {
    Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    Path log = Files.createTempFile("kubectl", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(
                  "kubectl",
                  "apply",
                  "-f",
                  "crds/",
                  "--server=http://127.0.0.1:1",
                  "--validate=false",
                  "--request-timeout=5s")
              .directory(Kustomize.REPO_ROOT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      Process process = builder.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(output).isNotZero();
      Set<String> named = new TreeSet<>();
      Matcher m = Pattern.compile("\"(crds/[^\"]+)\"").matcher(output);
      while (m.find()) named.add(m.group(1));
      Set<String> expected = new TreeSet<>();
      for (Path f : filesKubectlReads()) expected.add("crds/" + f.getFileName());
      assertThat(named).as(output).isEqualTo(expected);
    } finally {
      Files.deleteIfExists(kubeconfig);
      Files.deleteIfExists(log);
    }
  }

  @Test
  @NeedsTool({"kubectl"})
  void theKustomizationOfCrdsListsEveryCrdFileAndTheEntryPointsRenderThem() throws Exception {
    JsonNode kustomization =
        Kustomize.parse(Files.readString(CRDS.resolve("Kustomization"))).get(0);
    List<String> listed = new ArrayList<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));
    List<String> files = filesKubectlReads().stream().map(f -> f.getFileName().toString()).toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(files);

    Set<String> crds = new TreeSet<>();
    for (Path file : filesKubectlReads()) {
      for (JsonNode crd : Kustomize.parse(Files.readString(file))) {
        crds.add(crd.at("/metadata/name").asText());
      }
    }
    for (String entryPoint : List.of("deploy/default", "deploy/overlays/cert-manager")) {
      Rendered r = Kustomize.render(entryPoint);
      assertThat(r.ofKind("CustomResourceDefinition"))
          .extracting(c -> c.at("/metadata/name").asText())
          .as(entryPoint)
          .containsExactlyInAnyOrderElementsOf(crds);
    }
  }
}
