package dev.ownership.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Corpus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The workload informers read JSON through {@link WorkloadSkimmer}: whatever arrives — a list item
 * (which carries no kind), a watch event's object — must give the cache exactly what the full
 * object gives it, and an ERROR event's Status must stay a Status (a 410 makes the informer list
 * again).
 */
class WorkloadSkimmerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization FULL = new KubernetesSerialization();
  private static final KubernetesSerialization SKIMMING = WorkloadInformerClient.serialization();
  private static final Path REPO_ROOT =
      Path.of(System.getProperty("ownership.repoRoot", "..")).toAbsolutePath().normalize();

  /** Every field the cache keeps, in places and shapes where a skimmer could go wrong. */
  private static final String HARD_CASES =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: cart
        namespace: shop
        uid: 0b9c1a7e-3f5d-4c2b-9a8e-1d2c3b4a5f60
        resourceVersion: "4711"
        generation: 7
        deletionTimestamp: "2026-12-03T10:00:00Z"
        finalizers: [example.com/keep]
        labels: {ownership.dev/team: payments, app: cart, empty: null, "odd \\"key\\"": "v\\u00e9"}
        annotations:
          ownership.dev/status: owned
          ownership.dev/owner: payments
          kubectl.kubernetes.io/last-applied-configuration: '{"metadata":{"labels":{"x":"y"}}}'
          example.com/ownership.dev/not-ours: "x"
        managedFields:
        - {manager: kubectl, operation: Update, fieldsV1: {"f:metadata": {"f:labels": {}}}}
        ownerReferences:
        - {apiVersion: example.com/v1, kind: Shop, name: s, uid: u1, controller: true, blockOwnerDeletion: true}
        - {apiVersion: v1, kind: ConfigMap, name: settings, uid: u2}
      spec:
        replicas: 3
        selector: {matchLabels: {app: cart}}
        template:
          metadata:
            labels: {app: template, tier: web, gone: null}
            annotations: {ownership.dev/team: not-read-here}
          spec:
            containers: [{name: c, image: i, env: [{name: template, value: "{\\"metadata\\":{}}"}]}]
        strategy: {type: RollingUpdate}
      status: {replicas: 3, conditions: [{type: Available, status: "True"}]}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: nightly, namespace: shop, uid: not-a-uuid, resourceVersion: "abc"}
      spec:
        template: {metadata: {labels: {wrong: path}}}
        jobTemplate:
          spec:
            template:
              metadata: {labels: {team: data, ownership.dev/team: null}}
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: data, labels: {}, annotations: {}}
      spec:
        template: {metadata: {}}
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: kube-system, labels: null}
      spec: {template: {metadata: {labels: null}}}
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {name: once, namespace: shop}
      """;

  @Test
  void examplesAndHardCasesGiveTheCacheWhatTheFullObjectGives() throws Exception {
    List<JsonNode> documents = new ArrayList<>(Corpus.nodes(REPO_ROOT.resolve("deploy/examples")));
    for (var parser = YAML.createParser(HARD_CASES); parser.nextToken() != null; ) {
      documents.add(YAML.readTree(parser));
    }
    assertThat(compare(documents)).isEqualTo(12 + 5);
  }

  @Test
  @Tag(Corpus.TAG)
  void theCorpusGivesTheCacheWhatTheFullObjectGives() throws Exception {
    assertThat(compare(Corpus.nodes(Corpus.path("manifests")))).isEqualTo(269);
  }

  @Test
  void onlyWhatTheCacheKeepsIsRead() throws Exception {
    JsonNode cart = YAML.readTree(HARD_CASES.substring(0, HARD_CASES.indexOf("---")));
    GenericKubernetesResource skimmed =
        SKIMMING.unmarshal(JSON.writeValueAsString(cart), GenericKubernetesResource.class);
    assertThat(skimmed.getMetadata().getAnnotations())
        .containsOnlyKeys("ownership.dev/status", "ownership.dev/owner");
    assertThat(skimmed.getMetadata().getManagedFields()).isEmpty();
    assertThat(skimmed.getMetadata().getFinalizers()).isEmpty();
    assertThat(skimmed.getMetadata().getGeneration()).isNull();
    assertThat(skimmed.getAdditionalProperties())
        .isEqualTo(
            Map.of(
                "spec",
                Map.of("template", Map.of("metadata", Map.of("labels", templateLabels())))));
  }

  @Test
  void aWatchErrorStaysAStatus() {
    WatchEvent event =
        SKIMMING.unmarshal(
            "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource"
                + " version: 1 (5)\",\"reason\":\"Expired\",\"code\":410,"
                + "\"details\":{\"causes\":[]}}}",
            WatchEvent.class);
    assertThat(event.getObject()).isInstanceOf(Status.class);
    Status status = (Status) event.getObject();
    assertThat(status.getCode()).isEqualTo(410);
    assertThat(status.getReason()).isEqualTo("Expired");
    assertThat(status.getStatus()).isEqualTo("Failure");
    assertThat(status.getMessage()).isEqualTo("too old resource version: 1 (5)");
  }

  @Test
  void aBookmarkKeepsItsResourceVersion() {
    WatchEvent event =
        SKIMMING.unmarshal(
            "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\","
                + "\"metadata\":{\"resourceVersion\":\"12345\",\"annotations\":"
                + "{\"k8s.io/initial-events-end\":\"true\"}}}}",
            WatchEvent.class);
    assertThat(((GenericKubernetesResource) event.getObject()).getMetadata().getResourceVersion())
        .isEqualTo("12345");
  }

  private static Map<String, String> templateLabels() {
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    labels.put("app", "template");
    labels.put("tier", "web");
    labels.put("gone", null);
    return labels;
  }

  /**
   * Each workload of {@code documents} read in full and skimmed three ways (alone, as a list item
   * without its kind, as a watch event's object); returns how many were compared.
   */
  private static int compare(List<JsonNode> documents) throws Exception {
    List<String> differences = new ArrayList<>();
    int compared = 0;
    for (JsonNode document : documents) {
      Optional<WorkloadKind> found =
          WorkloadKind.fromApiVersionKind(
              document.path("apiVersion").asText(""), document.path("kind").asText(""));
      if (found.isEmpty() || document.path("metadata").path("name").asText("").isEmpty()) continue;
      WorkloadKind kind = found.get();
      String json = JSON.writeValueAsString(document);
      GenericKubernetesResource expected =
          cached(kind, FULL.unmarshal(json, GenericKubernetesResource.class));

      GenericKubernetesResource alone =
          cached(kind, SKIMMING.unmarshal(json, GenericKubernetesResource.class));

      ObjectNode item = document.deepCopy();
      item.remove(List.of("apiVersion", "kind"));
      String list =
          "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"9\"},"
              + "\"items\":["
              + JSON.writeValueAsString(item)
              + "]}";
      GenericKubernetesResource listed =
          cached(
              kind,
              SKIMMING.unmarshal(list, GenericKubernetesResourceList.class).getItems().get(0));

      WatchEvent event =
          SKIMMING.unmarshal("{\"type\":\"MODIFIED\",\"object\":" + json + "}", WatchEvent.class);
      GenericKubernetesResource watched =
          cached(kind, (GenericKubernetesResource) event.getObject());

      String what = kind + " " + document.path("metadata").path("name").asText();
      if (!expected.equals(alone)) differences.add(what + " alone: " + alone + " vs " + expected);
      if (!expected.equals(listed))
        differences.add(what + " listed: " + listed + " vs " + expected);
      if (!expected.equals(watched))
        differences.add(what + " watched: " + watched + " vs " + expected);
      compared++;
    }
    assertThat(differences).as("skimmed reads that differ from the full object").isEmpty();
    return compared;
  }

  /** Everything the cache keeps of a workload, as a comparable resource. */
  private static GenericKubernetesResource cached(
      WorkloadKind kind, GenericKubernetesResource read) {
    return CachedWorkload.of(kind, read).toResource(kind);
  }
}
