package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Corpus;
import dev.ownership.operator.testing.TestSettings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reviews built from every document of the real-world manifests in the shared corpus, sent over
 * HTTPS: every workload is refused in enforce (none declares a team), warned about in warn, and
 * allowed once it carries a team label; every other kind is allowed untouched.
 */
@Tag(Corpus.TAG)
class CorpusReviewTest {
  private static WebhookFixture webhook;

  @BeforeAll
  static void start() {
    InMemoryNamespaces namespaces =
        new InMemoryNamespaces()
            .namespace("corpus-enforce", "ownership.dev/enforcement", "enforce")
            .namespace("corpus-warn", "ownership.dev/enforcement", "warn");
    webhook = new WebhookFixture(TestSettings.of(EnforcementMode.AUDIT), namespaces);
  }

  @AfterAll
  static void stop() throws IOException {
    webhook.close();
  }

  @Test
  void judgesEveryWorkloadOfTheCorpusAndAllowsEverythingElse() {
    List<Corpus.Document> documents = Corpus.documents(Corpus.path("manifests"));
    Map<String, Integer> judged = new TreeMap<>();
    Map<String, Integer> passedThrough = new TreeMap<>();

    for (Corpus.Document document : documents) {
      String where = document.file() + " " + document.kind() + "/" + document.name();
      Optional<WorkloadKind> kind =
          WorkloadKind.fromApiVersionKind(
              document.node().path("apiVersion").asText(null), document.kind());

      JsonNode enforced = webhook.review(Reviews.ofManifest(document.node(), "corpus-enforce"));
      JsonNode warned = webhook.review(Reviews.ofManifest(document.node(), "corpus-warn"));
      if (kind.isEmpty()) {
        passedThrough.merge(document.kind(), 1, Integer::sum);
        assertThat(enforced.path("allowed").asBoolean()).as(where).isTrue();
        assertThat(enforced.size()).as(where + ": nothing but uid and allowed").isEqualTo(2);
        assertThat(warned.size()).as(where).isEqualTo(2);
        continue;
      }
      judged.merge(kind.get().kind(), 1, Integer::sum);
      String name =
          document.name().isEmpty()
              ? document.node().path("metadata").path("generateName").asText() + "*"
              : document.name();
      String message =
          kind.get().kind()
              + " corpus-enforce/"
              + name
              + " has no owner. Add label ownership.dev/team=<team>, "
              + "or make a ServiceOwnership in namespace corpus-enforce select it.";
      assertThat(enforced.path("allowed").asBoolean()).as(where).isFalse();
      assertThat(enforced.path("status").path("code").asInt()).as(where).isEqualTo(403);
      assertThat(enforced.path("status").path("message").asText()).as(where).isEqualTo(message);
      assertThat(warned.path("allowed").asBoolean()).as(where).isTrue();
      assertThat(warned.path("warnings")).as(where).hasSize(1);
      assertThat(warned.path("warnings").get(0).asText())
          .as(where)
          .isEqualTo(message.replace("corpus-enforce", "corpus-warn"));

      Reviews labelled = Reviews.ofManifest(document.node(), "corpus-enforce");
      ((ObjectNode) labelled.object().withObjectProperty("metadata").withObjectProperty("labels"))
          .put("ownership.dev/team", "corpus-team");
      JsonNode owned = webhook.review(labelled);
      assertThat(owned.path("allowed").asBoolean()).as(where).isTrue();
      assertThat(owned.size()).as(where).isEqualTo(2);
    }

    // The corpus index counts 350 workloads; ReplicaSets and Pods are governed through their
    // controllers.
    assertThat(judged)
        .isEqualTo(
            Map.of("CronJob", 81, "DaemonSet", 5, "Deployment", 169, "Job", 4, "StatefulSet", 10));
    assertThat(passedThrough)
        .containsEntry("Pod", 80)
        .containsEntry("ReplicaSet", 1)
        .containsEntry("ReplicationController", 2)
        .containsEntry("DeploymentConfig", 1)
        .containsEntry("foo", 1);
  }
}
