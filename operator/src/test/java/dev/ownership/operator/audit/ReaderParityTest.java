package dev.ownership.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ownership.operator.admission.AdmissionReviewReader;
import dev.ownership.operator.admission.ReviewRequest;
import dev.ownership.operator.controller.CachedWorkload;
import dev.ownership.operator.controller.WorkloadProjection;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.testing.Corpus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The three readers that build the resolver's input — the controller's cache (a full object and its
 * projection), the webhook's streaming reader and {@code audit}'s manifest reader — build the same
 * {@link Workload} from the same object: own and pod-template labels, null label values, owner
 * references. VerdictParityTest compares the webhook and {@code audit} at the verdict; this also
 * holds the controller to them, field by field.
 */
class ReaderParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Path REPO_ROOT =
      Path.of(System.getProperty("ownership.repoRoot", "..")).toAbsolutePath().normalize();

  /** Objects where readers could part ways, each a workload the webhook and audit accept. */
  private static final String HARD_CASES =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: own-wins
        namespace: shop
        labels: {ownership.dev/team: payments, app: cart, empty: null}
      spec:
        template:
          metadata:
            labels: {ownership.dev/team: other, app: template, tier: web, gone: null}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: nightly, namespace: shop}
      spec:
        jobTemplate:
          spec:
            template:
              metadata: {labels: {team: data, ownership.dev/team: null}}
      ---
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: nightly-123
        namespace: shop
        ownerReferences:
        - {apiVersion: batch/v1, kind: CronJob, name: nightly, uid: u1, controller: true}
        - {apiVersion: v1, kind: ConfigMap, name: settings, uid: u2}
        - {apiVersion: apps/v1, kind: Deployment, name: web, uid: u3, controller: false}
      spec:
        template:
          metadata: {labels: {job-name: nightly-123}}
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
        namespace: data
        labels: {}
        ownerReferences:
        - {apiVersion: apps/v1, kind: Deployment, name: web, uid: u3, controller: true}
      spec:
        template: {metadata: {}}
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: kube-system}
      spec: {}
      """;

  @Test
  void theExamplesAndHardCasesReadTheSameEverywhere() throws Exception {
    List<JsonNode> documents = new ArrayList<>(Corpus.nodes(REPO_ROOT.resolve("deploy/examples")));
    documents.addAll(
        Corpus.nodes(Path.of(getClass().getResource("/audit/parity-cases.yaml").toURI())));
    for (var parser = YAML.createParser(HARD_CASES); parser.nextToken() != null; ) {
      documents.add(YAML.readTree(parser));
    }
    // 12 example workloads, 8 named parity cases (one has only a generateName), 5 hard cases.
    assertThat(compare(documents)).isEqualTo(12 + 8 + 5);
  }

  @Test
  @Tag(Corpus.TAG)
  void theCorpusReadsTheSameEverywhere() throws Exception {
    assertThat(compare(Corpus.nodes(Corpus.path("manifests")))).isEqualTo(269);
  }

  /** Reads every workload of {@code documents} four ways; returns how many were compared. */
  private static int compare(List<JsonNode> documents) throws Exception {
    List<String> differences = new ArrayList<>();
    int compared = 0;
    for (JsonNode document : documents) {
      Optional<WorkloadKind> kind =
          WorkloadKind.fromApiVersionKind(
              document.path("apiVersion").asText(""), document.path("kind").asText(""));
      // A stored object always has its name; one made with generateName has none before creation.
      if (kind.isEmpty() || document.path("metadata").path("name").asText("").isEmpty()) continue;
      ObjectNode object = document.deepCopy();
      ObjectNode metadata = object.withObjectProperty("metadata");
      if (metadata.path("namespace").asText("").isEmpty()) metadata.put("namespace", "default");

      Workload audit = WorkloadManifests.toWorkload(kind.get(), object, "default");
      Workload webhook = throughTheWebhook(kind.get(), object, audit.ref());
      GenericKubernetesResource full =
          SERIALIZATION.unmarshal(JSON.writeValueAsString(object), GenericKubernetesResource.class);
      Workload cachedFull = WorkloadProjection.toWorkload(kind.get(), full);
      Workload projected = CachedWorkload.of(kind.get(), full).toWorkload(kind.get());

      String what = audit.ref().toString();
      if (!audit.equals(webhook))
        differences.add(what + ": audit " + audit + ", webhook " + webhook);
      if (!audit.equals(cachedFull))
        differences.add(what + ": audit " + audit + ", controller " + cachedFull);
      if (!audit.equals(projected))
        differences.add(what + ": audit " + audit + ", projection " + projected);
      compared++;
    }
    assertThat(differences).as("readers that disagree").isEmpty();
    return compared;
  }

  private static Workload throughTheWebhook(WorkloadKind kind, ObjectNode object, WorkloadRef ref)
      throws Exception {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", AdmissionReviewReader.API_VERSION);
    review.put("kind", AdmissionReviewReader.KIND);
    ObjectNode request = review.putObject("request");
    request.put("uid", "parity");
    ObjectNode requestKind = request.putObject("kind");
    requestKind.put("group", kind.group());
    requestKind.put("version", kind.version());
    requestKind.put("kind", kind.kind());
    request.put("operation", "CREATE");
    request.put("namespace", ref.namespace());
    request.put("name", ref.name());
    request.set("object", object);
    ReviewRequest read = new AdmissionReviewReader().read(JSON.writeValueAsBytes(review));
    return read.object().toWorkload(ref);
  }
}
