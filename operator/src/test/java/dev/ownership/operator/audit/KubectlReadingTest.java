package dev.ownership.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.Reader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Valid YAML is read as kubectl reads it (aliases, merge keys, YAML 1.1 scalars), within bounds
 * checked while reading, and every error names its document and line.
 */
class KubectlReadingTest {
  private static final String HEAD = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n";

  @Test
  void aliasesAndMergeKeysAreResolvedAsKubectlResolvesThem() {
    ManifestReader.Result result =
        ManifestReader.readText(
            "anchors.yaml",
            HEAD
                + "  name: a\n"
                + "  annotations: &owned {team: web, tier: front}\n"
                + "  labels: *owned\n"
                + "---\n"
                + HEAD
                + "  name: b\n"
                + "  annotations: &owned {team: web, tier: front}\n"
                + "  labels: {<<: *owned, app: c, tier: back}\n"
                + "---\n"
                + HEAD
                + "  name: c\n"
                + "  annotations: {x: &one {team: one}, y: &two {team: two, app: two}}\n"
                + "  labels:\n"
                + "    <<: [*one, *two]\n",
            false);
    assertThat(result.problems()).isEmpty();
    assertThat(result.documents())
        .extracting(d -> d.body().path("metadata").path("labels").toString())
        .containsExactly(
            "{\"team\":\"web\",\"tier\":\"front\"}",
            // Keys of the mapping itself win over merged ones; no key named "<<" is left.
            "{\"app\":\"c\",\"tier\":\"back\",\"team\":\"web\"}",
            // Earlier merged mappings win over later ones.
            "{\"team\":\"one\",\"app\":\"two\"}");
  }

  @Test
  void anAliasBombFailsFastAtTheExpandedSizeOfAnObject() {
    StringBuilder bomb = new StringBuilder(HEAD + "  name: bomb\n  annotations:\n");
    bomb.append("    a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("    a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      bomb.append("]\n");
    }
    // 10^10 strings once expanded; the reader stops at 3 MiB of them.
    ManifestReader.Result result = ManifestReader.readText("bomb.yaml", bomb.toString(), false);
    assertThat(result.documents()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .asString()
        .startsWith("bomb.yaml: document 1, line ")
        .contains("its aliases expand past 3 MiB (alias *a");
  }

  @Test
  void aListLargerThanTheLibrarysDefaultLimitIsReadInYamlAndJson() {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nitems:\n");
    StringBuilder json = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
    int items = 0;
    while (yaml.length() < 4_000_000) {
      items++;
      yaml.append("- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: d")
          .append(items)
          .append("\n    labels: {team: web, app.kubernetes.io/name: a-name-of-some-length}\n")
          .append("  spec: {template: {spec: {containers: [{name: c, image: registry/i:1}]}}}\n");
      json.append(items == 1 ? "" : ",")
          .append("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d")
          .append(items)
          .append("\",\"labels\":{\"team\":\"web\",\"app\":\"a-name-of-some-length\"}}}");
    }
    yaml.append("kind: List\nmetadata: {resourceVersion: \"\"}\n");
    json.append("]}");
    ManifestReader.Result fromYaml = ManifestReader.readText("list.yaml", yaml.toString(), false);
    assertThat(fromYaml.problems()).isEmpty();
    assertThat(fromYaml.documents()).hasSize(items);
    // Each item knows its own line, kubectl's item numbering is 1-based.
    assertThat(fromYaml.documents().get(1).origin().toString())
        .isEqualTo("list.yaml: document 1, item 2, line 9");
    ManifestReader.Result fromJson = ManifestReader.readText("list.json", json.toString(), true);
    assertThat(fromJson.problems()).isEmpty();
    assertThat(fromJson.documents()).hasSize(items);
  }

  @Test
  void aDocumentWithAHugeValueIsRefusedWithoutParsingIt() {
    String huge = "x".repeat(50 * 1024 * 1024);
    ManifestReader.Result result =
        ManifestReader.readText(
            "big.yaml",
            HEAD + "  name: ok\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  k: " + huge + "\n",
            false);
    assertThat(result.documents()).extracting(ManifestDocument::name).containsExactly("ok");
    assertThat(result.problems())
        .singleElement()
        .hasToString(
            "big.yaml: document 2, line 5: is larger than 3 MiB, the most the API server accepts"
                + " for one object; reading stopped there");
    ManifestReader.Result json =
        ManifestReader.readText("big.json", "{\"data\": {\"k\": \"" + huge + "\"}}", true);
    assertThat(json.problems()).singleElement().asString().contains("is larger than 3 MiB");
  }

  /** A value of many short lines is counted as the parser reads it, and reading stops there. */
  @Test
  void theParserIsStoppedOnceAnObjectPassesThreeMebibytes() {
    EndlessYaml endless = new EndlessYaml("data:\n  k: |\n", "    0123456789abcdef\n");
    assertThatThrownBy(() -> YamlDocuments.parse(endless, 1, Long.MAX_VALUE))
        .isInstanceOf(UnreadableDocument.class)
        .hasMessageStartingWith("is larger than 3 MiB");
    assertThat(endless.served).isBetween(3L * 1024 * 1024, 3L * 1024 * 1024 + 64 * 1024);

    // Within a List the limit is per item: item 3 is the one too large.
    EndlessYaml list =
        new EndlessYaml(
            "items:\n- {kind: A}\n- {kind: B}\n- kind: C\n  data: |\n", "    0123456789abcdef\n");
    assertThatThrownBy(() -> YamlDocuments.parse(list, 1, Long.MAX_VALUE))
        .isInstanceOf(UnreadableDocument.class)
        .satisfies(e -> assertThat(((UnreadableDocument) e).item()).isEqualTo(3))
        .satisfies(e -> assertThat(((UnreadableDocument) e).line()).isEqualTo(4));
  }

  @Test
  void aSourceIsReadAtMostToItsLimit() {
    CountingStream endless = new CountingStream();
    ManifestReader.Result result = ManifestReader.read(List.of("-"), endless);
    assertThat(result.problems())
        .singleElement()
        .hasToString(
            "<stdin>: is larger than 64 MiB; audit it in parts, or a cluster with --cluster (read"
                + " page by page)");
    assertThat(endless.served).isEqualTo(64L * 1024 * 1024 + 1);
  }

  @Test
  void syntaxErrorsNameTheLineOfTheProblemAndKeepItsCause() {
    ManifestReader.Result tab =
        ManifestReader.readText("tab.yaml", HEAD + "  name: x\n  labels:\n\tteam: a\n", false);
    assertThat(tab.problems())
        .singleElement()
        .hasToString(
            "tab.yaml: document 1, line 6: YAML syntax error at line 6, column 1: found character"
                + " '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)");
    ManifestReader.Result duplicate =
        ManifestReader.readText(
            "dup.yaml", "---\n" + HEAD + "  name: x\n  labels:\n    team: a\n    team: b\n", false);
    assertThat(duplicate.problems())
        .singleElement()
        .hasToString(
            "dup.yaml: document 1, line 8: duplicate key 'team' at line 8 (YAML and the API"
                + " server refuse duplicate keys)");
  }

  @Test
  void scalarsAreTypedAsYaml11SoAnUnquotedYesIsNoTeam() {
    ManifestReader.Result result =
        ManifestReader.readText(
            "typed.yaml",
            HEAD
                + "  name: x\n"
                + "  annotations: {a: 0x1F, b: 010, c: 1_000, d: 1.5e3, e: ~, f: 2024-01-31}\n"
                + "  labels: {team: yes}\n",
            false);
    ManifestDocument document = result.documents().get(0);
    assertThat(document.body().path("metadata").path("annotations").toString())
        .isEqualTo("{\"a\":31,\"b\":8,\"c\":1000,\"d\":1500.0,\"e\":null,\"f\":\"2024-01-31\"}");
    ManifestInventory inventory = ManifestInventory.of(result.documents(), "default", true);
    assertThat(inventory.problems())
        .singleElement()
        .asString()
        .startsWith("typed.yaml: document 1, line 6: metadata.labels.team")
        .contains("a boolean");
  }

  /** A reader of a header and then one line again and again, counting what it handed out. */
  private static final class EndlessYaml extends Reader {
    private final String head;
    private final String line;
    private long served;

    EndlessYaml(String head, String line) {
      this.head = head;
      this.line = line;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      for (int i = 0; i < length; i++) {
        int at = (int) served;
        buffer[offset + i] =
            at < head.length()
                ? head.charAt(at)
                : line.charAt((at - head.length()) % line.length());
        served++;
      }
      return length;
    }

    @Override
    public void close() {}
  }

  /** An endless stream of YAML comment bytes, counting what was read. */
  private static final class CountingStream extends InputStream {
    private long served;

    @Override
    public int read() {
      served++;
      return '#';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      java.util.Arrays.fill(buffer, offset, offset + length, (byte) '#');
      served += length;
      return length;
    }
  }
}
