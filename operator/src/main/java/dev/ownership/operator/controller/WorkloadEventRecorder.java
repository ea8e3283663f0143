package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits core/v1 Events on workloads. Fire and forget: an Event that cannot be written is logged and
 * dropped, never retried, so it cannot hold up ownership writes.
 */
public class WorkloadEventRecorder implements AutoCloseable {
  public static final String COMPONENT = "ownership-operator";
  public static final String REASON_UNOWNED = "Unowned";
  public static final String REASON_CONFLICT = "OwnershipConflict";
  public static final String REASON_INVALID_LABEL = "InvalidOwnerLabel";
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadEventRecorder.class);

  private final KubernetesClient client;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(DaemonThreads.named("event-recorder"));

  public WorkloadEventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void warn(
      WorkloadRef ref, GenericKubernetesResource workload, String reason, String message) {
    String uid = workload == null ? null : workload.getMetadata().getUid();
    executor.submit(() -> create(ref, uid, reason, message));
  }

  private void create(WorkloadRef ref, String uid, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    byte[] suffix = new byte[8];
    ThreadLocalRandom.current().nextBytes(suffix);
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(ref.name() + "." + HexFormat.of().formatHex(suffix))
            .withNamespace(ref.namespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(ref.kind().apiVersion())
            .withKind(ref.kind().kind())
            .withNamespace(ref.namespace())
            .withName(ref.name())
            .withUid(uid)
            .endInvolvedObject()
            .withType("Warning")
            .withReason(reason)
            .withMessage(message)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent("ownership.dev/" + COMPONENT)
            .withReportingInstance(System.getenv().getOrDefault("HOSTNAME", COMPONENT))
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    try {
      client.v1().events().inNamespace(ref.namespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Could not record {} Event on {}: HTTP {} {}", reason, ref, e.getCode(), e.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
