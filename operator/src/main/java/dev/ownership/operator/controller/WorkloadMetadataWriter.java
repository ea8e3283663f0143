package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadMarks;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of workload metadata. Changes are coalesced per workload (only the latest wanted
 * marks matter), sent as JSON merge patches naming only the operator's keys, with bounded
 * concurrency and a rate limit. Failures are retried with exponential backoff, each attempt
 * recomputing the patch from the current cache, until the write lands or the workload is gone: a
 * pending change is never dropped.
 */
public final class WorkloadMetadataWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadMetadataWriter.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration LAST_RETRY = Duration.ofMinutes(2);

  /** How long a write we made is trusted over a cache that has not caught up with it. */
  private static final long WRITTEN_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String PATCH_CONTENT_TYPE = "application/merge-patch+json";

  private final KubernetesClient client;
  private final Function<WorkloadRef, GenericKubernetesResource> cache;
  private final RateLimiter limiter;
  private final ConcurrentHashMap<WorkloadRef, WorkloadMarks> pending = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<WorkloadRef, Written> written = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<WorkloadRef, Integer> failures = new ConcurrentHashMap<>();
  private final CoalescingQueue<WorkloadRef> queue = new CoalescingQueue<>();
  private final ExecutorService workers;
  private final ScheduledExecutorService retries;
  private final AtomicLong patches = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean running = true;

  private record Written(WorkloadMarks marks, String resourceVersion, long atNanos) {}

  /**
   * @param cache the current projection of a workload, or null when it is gone
   */
  public WorkloadMetadataWriter(
      KubernetesClient client,
      Function<WorkloadRef, GenericKubernetesResource> cache,
      int concurrency,
      double writesPerSecond) {
    this.client = client;
    this.cache = cache;
    this.limiter = new RateLimiter(writesPerSecond);
    this.workers =
        Executors.newFixedThreadPool(concurrency, DaemonThreads.named("metadata-writer", true));
    this.retries =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("metadata-writer-retry"));
    for (int i = 0; i < concurrency; i++) workers.submit(this::work);
  }

  /**
   * Asks for the workload to carry these marks. Replaces any pending wish for the same workload.
   */
  public void submit(WorkloadRef ref, WorkloadMarks desired) {
    pending.put(ref, desired);
    enqueue(ref);
  }

  /**
   * The marks the workload will carry once what is pending has landed: the pending wish, else a
   * write the cache has not caught up with yet, else what the cache shows.
   */
  public WorkloadMarks expectedMarks(WorkloadRef ref, GenericKubernetesResource cached) {
    WorkloadMarks wish = pending.get(ref);
    if (wish != null) return wish;
    Written w = written.get(ref);
    if (w != null) {
      if (System.nanoTime() - w.atNanos > WRITTEN_TTL_NANOS
          || cacheHasCaughtUp(cached, w.resourceVersion)) {
        written.remove(ref, w);
      } else {
        return w.marks;
      }
    }
    return WorkloadProjection.marks(cached);
  }

  /** The informer has seen this version of the workload. */
  public void observed(WorkloadRef ref, String resourceVersion) {
    written.computeIfPresent(ref, (k, w) -> w.resourceVersion.equals(resourceVersion) ? null : w);
  }

  public void forget(WorkloadRef ref) {
    written.remove(ref);
  }

  /** Nothing pending and nothing in flight. */
  public boolean isIdle() {
    return pending.isEmpty() && inFlight.get() == 0;
  }

  public boolean hasPending(WorkloadRef ref) {
    return pending.containsKey(ref);
  }

  /** PATCH requests sent so far, successful or not. */
  public long patchesSent() {
    return patches.get();
  }

  private void enqueue(WorkloadRef ref) {
    if (running) queue.add(ref);
  }

  private void work() {
    while (running) {
      WorkloadRef ref;
      try {
        ref = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      inFlight.incrementAndGet();
      try {
        write(ref);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("Unexpected failure writing ownership of {}; will retry", ref, e);
        scheduleRetry(ref);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  private void write(WorkloadRef ref) throws InterruptedException {
    WorkloadMarks desired = pending.get(ref);
    if (desired == null) return;
    GenericKubernetesResource current = cache.apply(ref);
    if (current == null || current.getMetadata().getDeletionTimestamp() != null) {
      pending.remove(ref, desired);
      failures.remove(ref);
      return;
    }
    String patch = desired.mergePatchFrom(WorkloadProjection.marks(current));
    if (patch == null) {
      settle(ref, desired);
      return;
    }
    limiter.acquire();
    try {
      patches.incrementAndGet();
      String version = sendMergePatch(ref, patch);
      written.put(ref, new Written(desired, version == null ? "" : version, System.nanoTime()));
      Integer failed = failures.remove(ref);
      if (failed != null) LOG.info("Wrote ownership of {} after {} failed attempt(s)", ref, failed);
      settle(ref, desired);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        pending.remove(ref, desired);
        failures.remove(ref);
        return;
      }
      int attempt = failures.merge(ref, 1, Integer::sum);
      if (attempt == 1) {
        LOG.warn(
            "Could not write ownership of {} (HTTP {}: {}); retrying with backoff",
            ref,
            e.getCode(),
            e.getMessage());
      } else {
        LOG.debug(
            "Attempt {} to write ownership of {} failed (HTTP {})", attempt, ref, e.getCode());
      }
      scheduleRetry(ref);
    }
  }

  /**
   * One PATCH with {@code application/merge-patch+json}. Sent directly rather than through the
   * client's resource DSL, which reads the object first: that would double the API calls of every
   * write. Returns the new resourceVersion.
   */
  private String sendMergePatch(WorkloadRef ref, String patch) throws InterruptedException {
    WorkloadKind kind = ref.kind();
    String base = client.getMasterUrl().toString().replaceAll("/+$", "");
    String url =
        base
            + "/apis/"
            + kind.group()
            + "/"
            + kind.version()
            + "/namespaces/"
            + ref.namespace()
            + "/"
            + kind.plural()
            + "/"
            + ref.name();
    HttpClient http = client.getHttpClient();
    HttpRequest request =
        http.newHttpRequestBuilder().uri(url).method("PATCH", PATCH_CONTENT_TYPE, patch).build();
    HttpResponse<String> response;
    try {
      response =
          http.sendAsync(request, String.class)
              .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new KubernetesClientException("PATCH " + url + " failed: " + cause, cause);
    }
    if (!response.isSuccessful()) {
      throw new KubernetesClientException(
          "PATCH " + url + " answered " + response.code() + ": " + abbreviate(response.body()),
          response.code(),
          null);
    }
    GenericKubernetesResource result =
        client
            .getKubernetesSerialization()
            .unmarshal(response.body(), GenericKubernetesResource.class);
    return result == null || result.getMetadata() == null
        ? ""
        : result.getMetadata().getResourceVersion();
  }

  private static String abbreviate(String body) {
    if (body == null) return "";
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }

  private void settle(WorkloadRef ref, WorkloadMarks written) {
    // A newer wish may have arrived while this one was being written: it needs its own turn.
    if (!pending.remove(ref, written)) enqueue(ref);
  }

  private void scheduleRetry(WorkloadRef ref) {
    int attempt = failures.getOrDefault(ref, 1);
    long delay =
        Math.min(LAST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt - 1, 20));
    if (running) retries.schedule(() -> enqueue(ref), delay, TimeUnit.MILLISECONDS);
  }

  private static boolean cacheHasCaughtUp(GenericKubernetesResource cached, String writtenVersion) {
    if (cached == null) return true;
    String seen = cached.getMetadata().getResourceVersion();
    if (writtenVersion.equals(seen)) return true;
    try {
      // resourceVersions are opaque, but every API server in practice hands out increasing
      // integers.
      return Long.parseLong(seen) >= Long.parseLong(writtenVersion);
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
  }

  @Override
  public void close() {
    running = false;
    workers.shutdownNow();
    retries.shutdownNow();
  }
}
