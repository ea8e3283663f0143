package dev.ownership.operator.controller;

import dev.ownership.operator.concurrency.DaemonThreads;
import dev.ownership.operator.net.FieldManager;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits core/v1 Warning Events on workloads, off the caller's thread so that it never holds up
 * resolution or writes. An Event marks a transition, so one that is lost is lost for good: a failed
 * create is retried with backoff (a few times, then counted in {@link #failures()}).
 *
 * <p>An Event given a report key gets a name derived from it and the workload's uid, so reporting
 * the same thing twice — after a restart, say — finds the Event already there (409) instead of
 * making a second one. Nothing about what was reported is kept in memory.
 */
public class WorkloadEventRecorder implements AutoCloseable {
  public static final String COMPONENT = "ownership-operator";
  public static final String REASON_UNOWNED = "Unowned";
  public static final String REASON_CONFLICT = "OwnershipConflict";
  public static final String REASON_INVALID_LABEL = "InvalidOwnerLabel";
  public static final String REASON_UNKNOWN_TEAM = "UnknownTeam";

  /** Event messages are for people; the API server keeps them small too. */
  static final int MAX_MESSAGE = 1024;

  static final int ATTEMPTS = 5;
  private static final long FIRST_RETRY_MILLIS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadEventRecorder.class);

  private final KubernetesClient client;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("event-recorder"));
  private final AtomicLong failures = new AtomicLong();

  public WorkloadEventRecorder(KubernetesClient client) {
    // Its creates name the operator in the Events' managedFields.
    this.client = FieldManager.naming(client);
  }

  /**
   * @param uid the workload's uid (null when unknown)
   * @param reportKey what is being reported, e.g. {@code team=Bad_Team}; null for an Event that
   *     marks a transition and may repeat
   */
  public void warn(WorkloadRef ref, String uid, String reason, String message, String reportKey) {
    warn(
        new Subject(ref.kind().apiVersion(), ref.kind().kind(), ref.namespace(), ref.name(), uid),
        reason,
        message,
        reportKey);
  }

  /** The object an Event is about. */
  public record Subject(String apiVersion, String kind, String namespace, String name, String uid) {
    @Override
    public String toString() {
      return kind + " " + SafeText.of(namespace, 63) + "/" + SafeText.of(name, 253);
    }
  }

  /** A Warning Event about any object (a workload, a ServiceOwnership). */
  public void warn(Subject subject, String reason, String message, String reportKey) {
    Event event = event(subject, reason, message, reportKey);
    executor.execute(() -> create(subject, event, 1));
  }

  /** Events given up on after every retry failed. */
  public long failures() {
    return failures.get();
  }

  private Event event(Subject subject, String reason, String message, String reportKey) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withName(name(subject, reason, reportKey))
        .withNamespace(subject.namespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(subject.apiVersion())
        .withKind(subject.kind())
        .withNamespace(subject.namespace())
        .withName(subject.name())
        .withUid(subject.uid())
        .endInvolvedObject()
        .withType("Warning")
        .withReason(reason)
        .withMessage(SafeText.of(message, MAX_MESSAGE))
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent("ownership.dev/" + COMPONENT)
        .withReportingInstance(System.getenv().getOrDefault("HOSTNAME", COMPONENT))
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .build();
  }

  /**
   * {@code <object>.<16 hex>}: random, or derived from the report so that it is the same every
   * time.
   */
  static String name(Subject subject, String reason, String reportKey) {
    String suffix;
    if (reportKey == null) {
      byte[] random = new byte[8];
      ThreadLocalRandom.current().nextBytes(random);
      suffix = HexFormat.of().formatHex(random);
    } else {
      suffix =
          digest(
              subject.kind()
                  + " "
                  + subject.namespace()
                  + "/"
                  + subject.name()
                  + "|"
                  + subject.uid()
                  + "|"
                  + reason
                  + "|"
                  + reportKey);
    }
    String prefix =
        subject.name().length() > 200 ? subject.name().substring(0, 200) : subject.name();
    return prefix + "." + suffix;
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private void create(Subject ref, Event event, int attempt) {
    try {
      client.v1().events().inNamespace(ref.namespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      int code = e.getCode();
      if (code == 409) return; // the same report was made before: nothing to add
      boolean transientError = code == 0 || code == 429 || code >= 500;
      if (transientError && attempt < ATTEMPTS) {
        long delay = FIRST_RETRY_MILLIS << (attempt - 1);
        LOG.debug(
            "Recording {} Event on {} failed (HTTP {}); retrying in {} ms",
            event.getReason(),
            ref,
            code,
            delay);
        executor.schedule(() -> create(ref, event, attempt + 1), delay, TimeUnit.MILLISECONDS);
        return;
      }
      failures.incrementAndGet();
      LOG.warn(
          "Could not record {} Event on {} after {} attempt(s): HTTP {} {}",
          event.getReason(),
          ref,
          attempt,
          code,
          SafeText.of(e.getMessage()));
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.warn(
          "Could not record {} Event on {}: {}", event.getReason(), ref, SafeText.of(e.toString()));
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
