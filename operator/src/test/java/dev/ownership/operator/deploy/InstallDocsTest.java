package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.deploy.Kustomize.Rendered;
import dev.ownership.operator.deploy.OperatorPermissions.Row;
import dev.ownership.operator.testing.NeedsTool;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/install.md and the README's install section say what the manifests do, and their examples
 * work.
 */
class InstallDocsTest {
  static final String APP = DeployManifestsTest.APP;

  @Test
  void permissionsTableIsTheExpectedTable() throws Exception {
    String text = InstallDocs.text();
    int start = text.indexOf("| scope | API group | resources | verbs | why |");
    assertThat(start).as("docs/install.md has the permissions table").isNotNegative();
    List<String> documented = new ArrayList<>();
    for (String line : text.substring(start).lines().skip(2).toList()) {
      if (!line.startsWith("|")) break;
      String[] cells = line.split("\\|");
      documented.add(
          cells[1].trim()
              + " | "
              + cells[2].trim()
              + " | "
              + cells[3].trim()
              + " | "
              + cells[4].trim());
    }
    List<String> expected = new ArrayList<>();
    for (Row row : OperatorPermissions.TABLE) {
      String scope = row.namespace().isEmpty() ? "cluster" : row.namespace();
      if (!row.resourceNames().isEmpty()) {
        scope += ", name `" + String.join("`, `", row.resourceNames()) + "` only";
      }
      expected.add(
          scope
              + " | "
              + (row.apiGroup().isEmpty() ? "core" : row.apiGroup())
              + " | "
              + String.join(", ", row.resources())
              + " | "
              + String.join(", ", row.verbs()));
    }
    assertThat(documented).containsExactlyElementsOf(expected);
  }

  @Test
  @NeedsTool({"kubectl"})
  void documentedImageStepsReplaceThePlaceholder() throws Exception {
    String placeholder = DeployManifestsTest.image(Kustomize.render("deploy/default"));
    String readme = Files.readString(Kustomize.REPO_ROOT.resolve("README.md"));
    for (String doc : List.of(InstallDocs.text(), readme)) {
      Matcher edit = Pattern.compile("kustomize edit set image ([^=\\s]+)=").matcher(doc);
      assertThat(edit.find()).as("documents kustomize edit set image").isTrue();
      assertThat(edit.group(1)).isEqualTo(placeholder);
    }
    String images = InstallDocs.yamlBlockStartingWith("images:\n- name: " + placeholder + "\n");
    Rendered overlay = Kustomize.renderOverlay("image", "deploy/default", images);
    JsonNode entry = Kustomize.parse(images).get(0).path("images").get(0);
    assertThat(DeployManifestsTest.image(overlay))
        .isEqualTo(entry.path("newName").asText() + ":" + entry.path("newTag").asText());
  }

  @Test
  @NeedsTool({"kubectl"})
  void quotedMatchConditionIsTheRenderedOne() throws Exception {
    String rendered =
        Kustomize.render("deploy/default")
            .get("ValidatingWebhookConfiguration", "ownership-operator")
            .at("/webhooks/0/matchConditions/0/expression")
            .asText();
    assertThat(InstallDocs.text()).contains("\n" + rendered + "\n");
  }

  @Test
  @NeedsTool({"kubectl"})
  void priorityClassExampleReplacesTheClass() throws Exception {
    String patch = InstallDocs.yamlBlock("/spec/template/spec/priorityClassName");
    Rendered overlay = Kustomize.renderOverlay("priority", "deploy/default", patch);
    assertThat(overlay.get("Deployment", APP).at("/spec/template/spec/priorityClassName").asText())
        .isEqualTo("platform-critical");
  }
}
