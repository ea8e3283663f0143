package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.testing.Corpus;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** `audit` over the real manifests of the shared corpus (profile shared-corpus). */
@Tag(Corpus.TAG)
class AuditCorpusTest {
  /**
   * Every workload in the shared corpus is real and declares no owner: all unowned, counted per
   * kind as INDEX.md says; read without a single error (aliases, Lists, JSON, comments, odd
   * documents). The old gate fails on them; the default gate does not, since no namespace enforces.
   */
  @Test
  void theWholeCorpusIsUnownedWithTheIndexedCountsPerKind() throws Exception {
    String manifests = Corpus.path("manifests").toString();
    AuditCommandTest.Run gate = AuditCommandTest.audit(manifests);
    assertThat(gate.exitCode()).as(gate.err()).isEqualTo(0);
    AuditCommandTest.Run run =
        AuditCommandTest.audit("-o", "json", "--fail-on", "unowned", manifests);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.path("errors")).isEmpty();
    Map<String, Integer> perKind = new HashMap<>();
    for (JsonNode workload : json.path("workloads")) {
      assertThat(workload.path("status").asText()).isEqualTo("unowned");
      perKind.merge(workload.path("kind").asText(), 1, Integer::sum);
    }
    // INDEX.md: Deployment 169, StatefulSet 10, DaemonSet 5, Job 4, CronJob 81 (ReplicaSet, Pod and
    // ReplicationController are not workloads of their own here).
    assertThat(perKind)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Deployment", 169, "StatefulSet", 10, "DaemonSet", 5, "Job", 4, "CronJob", 81));
    assertThat(json.at("/summary/unowned").asInt()).isEqualTo(269);
  }
}
