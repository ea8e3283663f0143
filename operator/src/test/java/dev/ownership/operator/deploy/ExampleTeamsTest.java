package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ownership.operator.ownership.Dns1123;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/examples registers every team it names, each valid against the committed Team CRD and with
 * an on-call contact; the one value no Team answers to is the deliberate typo, and one Team is
 * overdue for review.
 */
class ExampleTeamsTest {
  static final Path EXAMPLES = Kustomize.REPO_ROOT.resolve("deploy/examples");
  static final Set<String> OWNER_KEYS = Set.of("ownership.dev/team", "team", "owner");

  static List<JsonNode> documents() throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    ObjectMapper yaml = new YAMLMapper();
    try (var files = Files.list(EXAMPLES)) {
      for (Path file : files.sorted().toList()) {
        if (file.getFileName().toString().equals("kustomization.yaml")) continue;
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
          documents.addAll(yaml.readValues(parser, JsonNode.class).readAll());
        }
      }
    }
    return documents;
  }

  static List<JsonNode> teams() throws Exception {
    return documents().stream().filter(d -> d.path("kind").asText().equals("Team")).toList();
  }

  @Test
  void everyTeamIsValidAgainstTheCommittedCrd() throws Exception {
    JsonNode crd =
        new YAMLMapper()
            .readTree(Kustomize.REPO_ROOT.resolve("crds/teams.ownership.dev-v1.yml").toFile());
    JsonNode openApi = crd.at("/spec/versions/0/schema/openAPIV3Schema");
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(openApi);
    // The schema can fail: an unknown contact type is refused.
    JsonNode broken = teams().get(0).deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/spec/contacts/0"))
        .put("type", "fax");
    assertThat(schema.validate(broken)).isNotEmpty();
    assertThat(teams()).hasSize(6);
    for (JsonNode team : teams()) {
      assertThat(schema.validate(team)).as(team.toString()).isEmpty();
      assertThat(team.path("apiVersion").asText()).isEqualTo("ownership.dev/v1alpha1");
      // What the schema's CEL rules say of names and aliases.
      assertThat(Dns1123.isLabel(team.at("/metadata/name").asText())).isTrue();
      team.at("/spec/aliases").forEach(a -> assertThat(Dns1123.isLabel(a.asText())).isTrue());
      assertThat(team.at("/spec/contacts").findValues("onCall"))
          .as("%s has an on-call contact", team.at("/metadata/name"))
          .anySatisfy(onCall -> assertThat(onCall.asBoolean()).isTrue());
    }
  }

  @Test
  void everyTeamValueNamesATeamOrAnAliasExceptTheTypo() throws Exception {
    Set<String> names = new HashSet<>();
    Set<String> aliases = new HashSet<>();
    for (JsonNode team : teams()) {
      names.add(team.at("/metadata/name").asText());
      team.at("/spec/aliases").forEach(a -> aliases.add(a.asText()));
    }
    Set<String> unknown = new TreeSet<>();
    Set<String> aliasesInUse = new TreeSet<>();
    for (JsonNode document : documents()) {
      List<String> values = new ArrayList<>();
      if (document.path("kind").asText().equals("ServiceOwnership"))
        values.add(document.at("/spec/team").asText());
      for (JsonNode labels : document.findValues("labels")) {
        labels
            .fields()
            .forEachRemaining(
                e -> {
                  if (OWNER_KEYS.contains(e.getKey())) values.add(e.getValue().asText());
                });
      }
      for (String value : values) {
        if (aliases.contains(value)) aliasesInUse.add(value);
        else if (!names.contains(value)) unknown.add(value);
      }
    }
    assertThat(unknown).containsExactly("paymnts");
    assertThat(aliasesInUse).containsExactly("o11y");
  }

  @Test
  void oneTeamIsOverdueForReview() throws Exception {
    // 180 days is --team-review-period's default; time only makes risk more overdue.
    LocalDate dueBefore = LocalDate.now().minusDays(180);
    List<String> overdue =
        teams().stream()
            .filter(
                t ->
                    t.at("/spec/reviewedAt").isMissingNode()
                        || LocalDate.parse(t.at("/spec/reviewedAt").asText()).isBefore(dueBefore))
            .map(t -> t.at("/metadata/name").asText())
            .toList();
    assertThat(overdue).contains("risk");
  }
}
