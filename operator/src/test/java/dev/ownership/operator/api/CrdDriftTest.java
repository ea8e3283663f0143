package dev.ownership.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed CRD must be exactly what the Java model generates. The generator sorts printer
 * columns by JSON path; kubectl shows them in list order, so they are put in the documented order
 * (TEAM, SERVICE, WORKLOADS, READY, AGE). Regenerate with: {@code mvn -pl operator test
 * -Dtest=CrdDriftTest -Dcrd.update=true}.
 */
class CrdDriftTest {
  /** Each CRD file and its printer columns in the documented order (INTERFACE §1, §8). */
  enum Crd {
    SERVICE_OWNERSHIP(
        "serviceownerships.ownership.dev-v1.yml",
        List.of("Team", "Service", "Workloads", "Ready", "Age")),
    TEAM(
        "teams.ownership.dev-v1.yml",
        List.of("Display Name", "Services", "Workloads", "Reviewed", "Age"));

    final String file;
    final List<String> columns;

    Crd(String file, List<String> columns) {
      this.file = file;
      this.columns = columns;
    }

    Path generated() {
      return Path.of("target/classes/META-INF/fabric8/" + file);
    }

    Path committed() {
      return Path.of("../crds/" + file);
    }
  }

  @ParameterizedTest
  @EnumSource(Crd.class)
  void committedCrdMatchesTheJavaModel(Crd crdFile) throws Exception {
    Path COMMITTED = crdFile.committed();
    String expected = render(Files.readString(crdFile.generated()), crdFile.columns);
    if (Boolean.getBoolean("crd.update")) {
      Files.writeString(COMMITTED, expected);
    }
    assertThat(COMMITTED)
        .as("crds/ is stale: run mvn -pl operator test -Dtest=CrdDriftTest -Dcrd.update=true")
        .exists();
    assertThat(Files.readString(COMMITTED))
        .as(
            "crds/"
                + crdFile.file
                + " differs from the Java model: run mvn -pl"
                + " operator test -Dtest=CrdDriftTest -Dcrd.update=true and commit the result")
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Crd.class)
  void printerColumnsAreInTheDocumentedOrder(Crd crdFile) throws Exception {
    JsonNode crd = yaml().readTree(Files.readString(crdFile.committed()));
    List<String> names = new ArrayList<>();
    crd.at("/spec/versions/0/additionalPrinterColumns")
        .forEach(c -> names.add(c.get("name").asText()));
    assertThat(names).containsExactlyElementsOf(crdFile.columns);
  }

  static String render(String generated, List<String> columnOrder) throws Exception {
    ObjectMapper mapper = yaml();
    JsonNode crd = mapper.readTree(generated);
    for (JsonNode version : crd.at("/spec/versions")) {
      ArrayNode columns = (ArrayNode) version.get("additionalPrinterColumns");
      List<JsonNode> sorted = new ArrayList<>();
      columns.forEach(sorted::add);
      sorted.sort(
          (a, b) ->
              Integer.compare(
                  columnOrder.indexOf(a.get("name").asText()),
                  columnOrder.indexOf(b.get("name").asText())));
      ((ObjectNode) version).putArray("additionalPrinterColumns").addAll(sorted);
    }
    return "# Generated from the Java model (dev.ownership.operator.api) by fabric8's"
        + " crd-generator; do not edit.\n"
        + "# Regenerate: mvn -pl operator test -Dtest=CrdDriftTest -Dcrd.update=true\n"
        + mapper.writeValueAsString(crd);
  }

  private static ObjectMapper yaml() {
    return new ObjectMapper(
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
  }
}
