package dev.ownership.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
  static final String DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\n";

  @TempDir Path dir;

  @Test
  void aSyntaxErrorNamesFileDocumentAndLineAndTheOtherDocumentsAndFilesAreStillRead()
      throws Exception {
    Path broken =
        write(
            "broken.yaml",
            String.format(DEPLOYMENT, "first")
                + "---\nkind: [unclosed\n---\n"
                + String.format(DEPLOYMENT, "third"));
    Path fine = write("fine.yaml", String.format(DEPLOYMENT, "other"));
    ManifestReader.Result result =
        ManifestReader.read(List.of(broken.toString(), fine.toString()), emptyStdin());
    assertThat(result.documents())
        .extracting(ManifestDocument::name)
        .containsExactly("first", "third", "other");
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.origin()).isEqualTo(new DocumentOrigin(broken.toString(), 2, 0, 6));
              assertThat(p.toString())
                  .startsWith(broken + ": document 2, line 6: YAML syntax error at line 6");
            });
  }

  @Test
  void aTruncatedFileIsAnErrorOfItsLastDocument() throws Exception {
    Path truncated =
        write(
            "truncated.yaml",
            String.format(DEPLOYMENT, "ok")
                + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: \"cut-off");
    ManifestReader.Result result = ManifestReader.read(List.of(truncated.toString()), emptyStdin());
    assertThat(result.documents()).extracting(ManifestDocument::name).containsExactly("ok");
    assertThat(result.problems())
        .singleElement()
        .extracting(AuditProblem::origin)
        .isEqualTo(new DocumentOrigin(truncated.toString(), 2, 0, 9));
  }

  @Test
  void aBinaryFileIsRejectedAsNotText() throws Exception {
    Path binary = dir.resolve("image.yaml");
    Files.write(
        binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff, (byte) 0xfe});
    ManifestReader.Result result = ManifestReader.read(List.of(binary.toString()), emptyStdin());
    assertThat(result.documents()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .hasToString(
            binary + ": is not a text file (binary or not UTF-8): give YAML or JSON manifests");
  }

  @Test
  void scalarAndListDocumentsAreErrorsEmptyOnesAreNothingAndKindlessMappingsAreSkippedWithANote() {
    ManifestReader.Result result =
        ManifestReader.readText(
            "mixed.yaml",
            "---\n"
                + "# only a comment\n"
                + "---\n"
                + "just a string\n"
                + "---\n"
                + "- a\n"
                + "- b\n"
                + "---\n"
                + "42\n"
                + "---\n"
                + "replicas: 3\n"
                + "---\n"
                + String.format(DEPLOYMENT, "real")
                + "---\n",
            false);
    assertThat(result.documents()).extracting(ManifestDocument::name).containsExactly("real");
    assertThat(result.problems())
        .extracting(AuditProblem::toString)
        .containsExactly(
            "mixed.yaml: document 2, line 4: is a string, not a Kubernetes object (a mapping with"
                + " apiVersion and kind)",
            "mixed.yaml: document 3, line 6: is a list, not a Kubernetes object (a mapping with"
                + " apiVersion and kind)",
            "mixed.yaml: document 4, line 9: is a number, not a Kubernetes object (a mapping with"
                + " apiVersion and kind)");
    assertThat(result.notices())
        .extracting(AuditProblem::toString)
        .containsExactly(
            "mixed.yaml: document 5, line 11: has no apiVersion and kind, so it is not a Kubernetes"
                + " object; skipped");
  }

  @Test
  void listKindsAreUnpackedInYamlAndJson() {
    ManifestReader.Result yaml =
        ManifestReader.readText(
            "list.yaml",
            "apiVersion: v1\nkind: List\nitems:\n- "
                + String.format(DEPLOYMENT, "a").replace("\n", "\n  ").strip()
                + "\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n- 7\n",
            false);
    assertThat(yaml.documents())
        .extracting(d -> d.kind() + "/" + d.name())
        .containsExactly("Deployment/a", "Service/s");
    assertThat(yaml.documents().get(0).origin())
        .isEqualTo(new DocumentOrigin("list.yaml", 1, 1, 4));
    assertThat(yaml.problems())
        .extracting(AuditProblem::toString)
        .containsExactly(
            "list.yaml: document 1, item 3, line 11: is not a Kubernetes object (a mapping with"
                + " apiVersion and kind)");

    ManifestReader.Result json =
        ManifestReader.readText(
            "list.json",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"DeploymentList\",\"items\":"
                + "[{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"b\"}}]}",
            true);
    assertThat(json.documents()).extracting(ManifestDocument::name).containsExactly("b");
    assertThat(json.problems()).isEmpty();
  }

  @Test
  void brokenJsonIsAnErrorWithItsLine() throws Exception {
    Path file =
        write(
            "bad.json",
            "{\n  \"apiVersion\": \"apps/v1\",\n  \"kind\": \"Deployment\"\n  \"metadata\": {}\n}");
    ManifestReader.Result result = ManifestReader.read(List.of(file.toString()), emptyStdin());
    assertThat(result.problems())
        .singleElement()
        .asString()
        .startsWith(file + ": document 1, line 4: JSON syntax error at line 4");
  }

  @Test
  void directoriesAreSearchedRecursivelyForManifestFilesOnlyInSortedOrder() throws Exception {
    write("b/deep/two.yml", String.format(DEPLOYMENT, "two"));
    write("a/one.yaml", String.format(DEPLOYMENT, "one"));
    write(
        "a/.hidden/three.json",
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"three\"}}");
    write("a/notes.txt", "kind: [this is not read");
    write("a/README.md", "# not read");
    write(".git/config.yaml", "kind: [not read either");
    // Symbolic links are not followed, and each one that could hold manifests is named.
    Files.createSymbolicLink(dir.resolve("a/link.yaml"), Path.of("one.yaml"));
    Files.createSymbolicLink(dir.resolve("b/linked"), dir.resolve("a"));
    Files.createSymbolicLink(dir.resolve("a/README.link"), Path.of("README.md"));
    ManifestReader.Result result = ManifestReader.read(List.of(dir.toString()), emptyStdin());
    assertThat(result.problems()).isEmpty();
    assertThat(result.documents())
        .extracting(ManifestDocument::name)
        .containsExactly("three", "one", "two");
    assertThat(result.notices())
        .extracting(AuditProblem::toString)
        .containsExactlyInAnyOrder(
            dir.resolve("a/link.yaml")
                + ": is a symbolic link to one.yaml; links are not followed, so it was not read:"
                + " audit its target",
            dir.resolve("b/linked")
                + ": is a symbolic link to "
                + dir.resolve("a")
                + "; links are not followed, so it was not read: audit its target");
  }

  /**
   * A kustomization directory read file by file: noted when its files hold workloads, an error (no
   * verdict) when they hold none, as an overlay's patches do; the kustomization file itself is
   * neither an object nor a second note.
   */
  @Test
  void aKustomizationWhoseFilesHoldNoWorkloadIsAnErrorAndItsFileIsNoObject() throws Exception {
    write("base/kustomization.yaml", "resources: [web.yaml]\n");
    write("base/web.yaml", String.format(DEPLOYMENT, "web"));
    write(
        "overlays/prod/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\n"
            + "kind: Kustomization\n"
            + "resources: [../../base]\n");
    write("overlays/prod/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    ManifestReader.Result result = ManifestReader.read(List.of(dir.toString()), emptyStdin());
    assertThat(result.documents())
        .extracting(ManifestDocument::kind)
        .containsExactly("Deployment", "ConfigMap");
    Path prod = dir.resolve("overlays/prod");
    assertThat(result.problems())
        .extracting(AuditProblem::toString)
        .containsExactly(
            prod
                + ": has a kustomization.yaml and its files hold no workload: what it deploys comes"
                + " from what kustomize renders (resources, patches, components), so reading its"
                + " files would pass unchecked; render it (kubectl kustomize "
                + prod
                + " | ownership-operator audit -) or pass --kustomize");
    assertThat(result.notices())
        .extracting(AuditProblem::toString)
        .containsExactly(
            dir.resolve("base")
                + ": has a kustomization.yaml: its files are audited as they are, not as kustomize"
                + " renders them; render it (kubectl kustomize "
                + dir.resolve("base")
                + " | ownership-operator audit -) or pass --kustomize");

    // Given as a file, or on stdin, a Kustomization is noted and is no object.
    ManifestReader.Result file =
        ManifestReader.read(List.of(prod.resolve("kustomization.yaml").toString()), emptyStdin());
    assertThat(file.documents()).isEmpty();
    assertThat(file.problems()).isEmpty();
    assertThat(file.notices())
        .extracting(AuditProblem::toString)
        .containsExactly(
            prod.resolve("kustomization.yaml")
                + ": document 1, line 1: is a kustomization, not a Kubernetes object; audit what it"
                + " renders (kubectl kustomize "
                + prod
                + " | ownership-operator audit -), or its directory with --kustomize");
    assertThat(
            ManifestReader.read(
                    List.of("-"),
                    stdin("apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"))
                .documents())
        .isEmpty();
  }

  @Test
  void aMissingPathIsAnErrorAndTheRestIsRead() throws Exception {
    Path fine = write("fine.yaml", String.format(DEPLOYMENT, "ok"));
    ManifestReader.Result result =
        ManifestReader.read(
            List.of(dir.resolve("nope.yaml").toString(), fine.toString()), emptyStdin());
    assertThat(result.documents()).hasSize(1);
    assertThat(result.problems())
        .singleElement()
        .hasToString(dir.resolve("nope.yaml") + ": no such file or directory");
  }

  @Test
  void stdinIsReadAsYamlOrJsonByItsContent() {
    ManifestReader.Result yaml =
        ManifestReader.read(
            List.of("-"),
            stdin(String.format(DEPLOYMENT, "y") + "---\n" + String.format(DEPLOYMENT, "z")));
    assertThat(yaml.documents())
        .extracting(d -> d.origin() + " " + d.name())
        .containsExactly("<stdin>: document 1, line 1 y", "<stdin>: document 2, line 6 z");
    ManifestReader.Result json =
        ManifestReader.read(
            List.of("-"),
            stdin(
                "\t{\"apiVersion\":\"batch/v1\","
                    + "\t\"kind\":\"Job\",\"metadata\":{\"name\":\"j\"}}"));
    assertThat(json.documents()).extracting(ManifestDocument::kind).containsExactly("Job");
  }

  private Path write(String relative, String content) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private static ByteArrayInputStream emptyStdin() {
    return stdin("");
  }

  private static ByteArrayInputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
