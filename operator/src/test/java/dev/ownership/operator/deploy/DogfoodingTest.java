package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.cli.OwnershipCli;
import dev.ownership.operator.deploy.Kustomize.Rendered;
import dev.ownership.operator.testing.NeedsTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The operator owns what it enforces: `audit` (the real command, in-process) of what every entry
 * point renders finds every workload owned, by the team label of deploy/base or by the one an
 * overlay gives as docs/install.md shows.
 */
@NeedsTool({"kubectl"})
class DogfoodingTest {
  @TempDir Path dir;

  record Audit(int exitCode, String out, String err) {
    /** The table row of the operator's own Deployment, split into its columns. */
    List<String> operatorRow(String namespace) {
      return out.lines()
          .map(line -> List.of(line.trim().split("\\s{2,}")))
          .filter(row -> row.size() > 2 && row.get(0).equals(namespace))
          .filter(
              row -> row.get(1).equals("Deployment") && row.get(2).equals(DeployManifestsTest.APP))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no row for the operator in:\n" + out));
    }
  }

  Audit audit(Rendered rendered) throws Exception {
    Path file = dir.resolve("rendered.yaml");
    Files.writeString(file, rendered.yaml());
    CommandLine cli = OwnershipCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("audit", file.toString());
    return new Audit(code, out.toString(), err.toString());
  }

  static String namespaceOf(Rendered r) {
    return r.get("Deployment", DeployManifestsTest.APP).at("/metadata/namespace").asText();
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/default", "deploy/overlays/cert-manager"})
  void auditOfAnEntryPointFindsEveryWorkloadOwned(String entryPoint) throws Exception {
    Rendered rendered = Kustomize.render(entryPoint);
    Audit audit = audit(rendered);
    assertThat(audit.exitCode()).as(audit.out() + audit.err()).isZero();
    assertThat(audit.operatorRow(namespaceOf(rendered)))
        .containsExactly(
            namespaceOf(rendered),
            "Deployment",
            DeployManifestsTest.APP,
            "owned",
            "allowed",
            "platform",
            "label");
  }

  @Test
  void theTeamLabelIsOnTheObjectAndOnThePodTemplate() throws Exception {
    var deployment = Kustomize.render("deploy/default").get("Deployment", DeployManifestsTest.APP);
    assertThat(deployment.at("/metadata/labels/ownership.dev~1team").asText())
        .isEqualTo("platform");
    assertThat(deployment.at("/spec/template/metadata/labels/ownership.dev~1team").asText())
        .isEqualTo("platform");
    // Not in the selector: that is immutable, and changing the team must not need a new Deployment.
    assertThat(deployment.at("/spec/selector/matchLabels/ownership.dev~1team").isMissingNode())
        .isTrue();
  }

  @Test
  void theOverlayOfTheDocsGivesTheImageAndTheTeam() throws Exception {
    String overlay = InstallDocs.overlayAfterResources("my-ownership/kustomization.yaml");
    Rendered rendered = Kustomize.renderOverlay("dogfooding", "deploy/default", overlay);
    Audit audit = audit(rendered);
    assertThat(audit.exitCode()).as(audit.out() + audit.err()).isZero();
    assertThat(audit.operatorRow(namespaceOf(rendered)))
        .containsExactly(
            namespaceOf(rendered),
            "Deployment",
            DeployManifestsTest.APP,
            "owned",
            "allowed",
            "sre",
            "label");
    assertThat(DeployManifestsTest.image(rendered))
        .isEqualTo("registry.example.com/ownership-operator:0.1.0");
    assertThat(
            rendered
                .get("Deployment", DeployManifestsTest.APP)
                .at("/spec/template/metadata/labels/ownership.dev~1team")
                .asText())
        .isEqualTo("sre");
  }
}
