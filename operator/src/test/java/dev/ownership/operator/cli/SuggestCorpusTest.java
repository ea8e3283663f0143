package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `suggest` over the real manifests of the shared corpus (profile shared-corpus), with one
 * hand-written owner per project (test resource suggest/corpus-anchors.yaml): right where a signal
 * ties a workload to an owner, and no suggestion where none does.
 */
@Tag(Corpus.TAG)
class SuggestCorpusTest {
  @TempDir Path dir;

  static Path anchors() throws Exception {
    return Path.of(SuggestCorpusTest.class.getResource("/suggest/corpus-anchors.yaml").toURI());
  }

  /** The corpus project a workload came from: the folder under manifests/. */
  static String project(JsonNode row) {
    String origin = row.path("origin").asText();
    String root = Corpus.path("manifests") + "/";
    assertThat(origin).startsWith(root);
    return origin.substring(root.length(), origin.indexOf('/', root.length()));
  }

  private static AuditCommandTest.Run jsonRun;

  /** `suggest -o json` over the corpus and the anchors, run once for both tests. */
  static synchronized AuditCommandTest.Run suggestJson() throws Exception {
    if (jsonRun == null) {
      jsonRun =
          SuggestCommandTest.suggest(
              "-o", "json", Corpus.path("manifests").toString(), anchors().toString());
    }
    return jsonRun;
  }

  @Test
  void suggestionsWhereASignalExistsAndNoneWhereNoneDoes() throws Exception {
    AuditCommandTest.Run run = suggestJson();
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.path("errors")).isEmpty();
    // 269 workloads (AuditCorpusTest), 16 owned by the anchors: 15 through ServiceOwnerships
    // (argocd-server twice: argo-cd ships two installs), rook's Job through its namespace.
    assertThat(run.err()).contains("269 workloads: 16 owned, 253 unowned, 0 in conflict");
    assertThat(json.path("summary").toString())
        .isEqualTo(
            "{\"unowned\":253,\"suggested\":55,\"high\":0,\"medium\":33,\"low\":22,"
                + "\"withoutSuggestion\":198}");

    Map<String, Map<String, Integer>> byProject = new TreeMap<>();
    Map<String, Integer> strongest = new TreeMap<>();
    for (JsonNode row : json.path("suggestions")) {
      String project = project(row);
      String team = row.path("team").isNull() ? "-" : row.path("team").asText();
      byProject.computeIfAbsent(project, p -> new TreeMap<>()).merge(team, 1, Integer::sum);
      if (row.path("team").isNull()) {
        assertThat(row.path("reason").asText())
            .isEqualTo("no signal ties it to an owned workload or a ServiceOwnership");
        assertThat(row.path("conflicting")).isEmpty();
      } else {
        strongest.merge(
            project
                + " "
                + row.path("confidence").asText()
                + " "
                + row.at("/evidence/0/signal").asText(),
            1,
            Integer::sum);
      }
    }
    // Every unowned workload of a project whose owner shares something with it gets that owner;
    // the rest of the corpus shares nothing with any owner (bookinfo's, the boutique's and the
    // AKS store's services share only a namespace with five other projects; the Kyverno fixtures
    // run one placeholder image and no labels).
    Map<String, Map<String, Integer>> expected = new HashMap<>();
    expected.put("argo-cd", Map.of("argo", 13));
    // jaeger and opensearch carry only the chart instance, which no owned workload in default has.
    expected.put("opentelemetry-demo", Map.of("otel", 21, "-", 2));
    expected.put("podinfo", Map.of("podinfo", 4));
    expected.put("sock-shop", Map.of("sock-shop", 13));
    expected.put("ingress-nginx", Map.of("ingress", 2));
    expected.put("metallb", Map.of("networking", 2));
    expected.put("aks-store-demo", Map.of("-", 8));
    expected.put("microservices-demo", Map.of("-", 11));
    expected.put("istio", Map.of("-", 11));
    expected.put("kubernetes-examples", Map.of("-", 6));
    expected.put("kubernetes-website", Map.of("-", 2));
    expected.put("kyverno-policies-fixtures", Map.of("-", 156));
    expected.put("fabric8-kubernetes-client", Map.of("-", 1));
    expected.put("flannel", Map.of("-", 1));
    assertThat(byProject).isEqualTo(expected);

    assertThat(strongest)
        .isEqualTo(
            Map.of(
                "argo-cd medium part-of", 13,
                "opentelemetry-demo medium part-of", 18,
                // frontend-proxy: its name also extends the boutique's selector app=frontend.
                "opentelemetry-demo low part-of", 1,
                // otel-demo's grafana and prometheus share only the chart's instance label.
                "opentelemetry-demo low instance", 2,
                "podinfo low image-repository", 4,
                "sock-shop low selector-name", 1,
                "sock-shop low namespace-majority", 12,
                "ingress-nginx medium part-of", 2,
                "metallb low namespace-majority", 2));

    JsonNode proxy = find(json, "default", "frontend-proxy");
    assertThat(proxy.at("/conflicting/0/message").asText())
        .isEqualTo(
            "name \"frontend-proxy\" shares the selector label app=frontend of ServiceOwnership"
                + " default/boutique-frontend (team boutique)");
    assertThat(find(json, "sock-shop", "carts-db").at("/evidence/0/message").asText())
        .isEqualTo(
            "name \"carts-db\" shares the selector label name=carts of ServiceOwnership"
                + " sock-shop/carts (team sock-shop)");
  }

  /** The YAML output, applied to the same input, owns exactly the suggested workloads. */
  @Test
  void yamlRoundTripOwnsEverySuggestedWorkloadWithItsTeam() throws Exception {
    String manifests = Corpus.path("manifests").toString();
    String anchors = anchors().toString();
    AuditCommandTest.Run yaml = SuggestCommandTest.suggest("-o", "yaml", manifests, anchors);
    Path claims = dir.resolve("claims.yaml");
    Files.writeString(claims, yaml.out());
    // sock-shop (12 + carts-db), metallb (2) and the odd ones get their own; the rest one per
    // service: argocd, opentelemetry-demo (twice: default and otel-demo), ingress-nginx, podinfo.
    assertThat(yaml.out().lines().filter(l -> l.equals("kind: ServiceOwnership")).count())
        .isEqualTo(20);
    assertThat(yaml.out()).doesNotContain("# kubectl label");

    Map<String, String> suggested = new HashMap<>();
    for (JsonNode row : suggestJson().json().path("suggestions")) {
      if (!row.path("team").isNull()) suggested.put(key(row), row.path("team").asText());
    }
    Map<String, String> ownedBefore =
        owned(AuditCommandTest.audit("-o", "json", manifests, anchors));
    AuditCommandTest.Run after =
        AuditCommandTest.audit("-o", "json", manifests, anchors, claims.toString());
    assertThat(after.err()).contains("269 workloads: 71 owned, 198 unowned, 0 in conflict");
    Map<String, String> ownedAfter = owned(after);
    Map<String, String> expected = new HashMap<>(ownedBefore);
    expected.putAll(suggested);
    assertThat(ownedAfter).isEqualTo(expected);
    assertThat(Set.copyOf(suggested.keySet())).doesNotContainAnyElementsOf(ownedBefore.keySet());
  }

  private static Map<String, String> owned(AuditCommandTest.Run audit) throws Exception {
    Map<String, String> owned = new HashMap<>();
    for (JsonNode row : audit.json().path("workloads")) {
      if (row.path("status").asText().equals("owned"))
        owned.merge(key(row), row.path("team").asText(), (a, b) -> a.equals(b) ? a : a + "|" + b);
    }
    return owned;
  }

  private static String key(JsonNode row) {
    return row.path("namespace").asText()
        + "/"
        + row.path("kind").asText()
        + "/"
        + row.path("name").asText();
  }

  private static JsonNode find(JsonNode json, String namespace, String name) {
    for (JsonNode row : json.path("suggestions")) {
      if (row.path("namespace").asText().equals(namespace)
          && row.path("name").asText().equals(name)) return row;
    }
    throw new AssertionError("no suggestion for " + namespace + "/" + name);
  }
}
