package dev.ownership.operator.controller;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ownership.operator.concurrency.CoalescingQueue;
import dev.ownership.operator.concurrency.DaemonThreads;
import dev.ownership.operator.concurrency.RateLimiter;
import dev.ownership.operator.net.FieldManager;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadMarks;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import java.io.IOException;
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
 * The one writer of workload metadata, and the one place that decides whether anything needs
 * writing: {@link #submit} compares the wanted marks with what the workload carries (or will carry
 * once a write of ours lands) and does nothing when they are equal, so a resync or a restart with
 * nothing changed sends nothing. Changes are coalesced per workload (only the latest wish matters),
 * sent as JSON merge patches naming only the operator's keys and only those that change, with
 * bounded concurrency and a rate limit. Failures are retried with exponential backoff, each attempt
 * recomputing the patch, until the write lands or the workload is gone: a wish is never dropped.
 *
 * <p>Everything known about one workload's writes lives in one {@link State}, kept only while a
 * write is wanted, in flight, failing, or not yet seen by the cache.
 */
public final class WorkloadMetadataWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadMetadataWriter.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration LAST_RETRY = Duration.ofMinutes(2);

  /** How long a write we made is trusted over a cache that has not caught up with it. */
  private static final long WRITTEN_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String PATCH_CONTENT_TYPE = "application/merge-patch+json";

  /** Told after a write landed, on a writer thread; {@code before} is what the patch replaced. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param resourceVersion the workload's resourceVersion the write produced
     */
    void written(
        WorkloadRef ref, WorkloadMarks before, WorkloadMarks after, String resourceVersion);
  }

  /** One workload's write state; guarded by {@code states.compute}. */
  private static final class State {
    /** The latest wish not yet written; null when there is none. */
    WorkloadMarks wanted;

    /** The last marks we wrote, until the cache shows them (or they are too old to trust). */
    WorkloadMarks written;

    String writtenVersion;
    long writtenAt;
    int failures;

    boolean isEmpty() {
      return wanted == null && written == null && failures == 0;
    }
  }

  private final KubernetesClient client;

  /**
   * The writer's own HTTP client, from the same configuration (credentials, TLS, token refresh):
   * with its own Vert.x event loops, so a PATCH answer is not queued behind the watch events the
   * informers' event loops are busy deserializing (each write causes one).
   */
  private final HttpClient http;

  private final Function<WorkloadRef, GenericKubernetesResource> cache;
  private final Listener listener;
  private final RateLimiter limiter;
  private final ConcurrentHashMap<WorkloadRef, State> states = new ConcurrentHashMap<>();
  private final CoalescingQueue<WorkloadRef> queue = new CoalescingQueue<>();
  private final ExecutorService workers;
  private final ScheduledExecutorService retries;
  private final AtomicLong patches = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean running = true;

  /**
   * @param cache the current projection of a workload, or null when it is gone
   * @param listener told of every write that landed
   */
  public WorkloadMetadataWriter(
      KubernetesClient client,
      Function<WorkloadRef, GenericKubernetesResource> cache,
      Listener listener,
      int concurrency,
      double writesPerSecond) {
    this.client = client;
    this.http = HttpClientUtils.createHttpClient(client.getConfiguration());
    this.cache = cache;
    this.listener = listener;
    this.limiter = new RateLimiter(writesPerSecond);
    this.workers =
        Executors.newFixedThreadPool(concurrency, DaemonThreads.named("metadata-writer", true));
    this.retries =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("metadata-writer-retry"));
    for (int i = 0; i < concurrency; i++) workers.submit(this::work);
  }

  /**
   * Asks for the workload to carry these marks. Does nothing when it carries them already (or will,
   * once what is pending lands); otherwise replaces any pending wish for the workload.
   */
  public void submit(WorkloadRef ref, WorkloadMarks desired) {
    GenericKubernetesResource cached = cache.apply(ref);
    boolean[] changed = {false};
    states.compute(
        ref,
        (k, state) -> {
          if (desired.equals(expected(state, cached))) return state;
          State next = state == null ? new State() : state;
          next.wanted = desired;
          changed[0] = true;
          return next;
        });
    if (changed[0]) enqueue(ref);
  }

  /**
   * The informer has seen this version of the workload: a write of ours it shows needs no memory.
   */
  public void observed(WorkloadRef ref, String resourceVersion) {
    states.computeIfPresent(
        ref,
        (k, state) -> {
          if (state.written != null && resourceVersion.equals(state.writtenVersion)) {
            state.written = null;
          }
          return state.isEmpty() ? null : state;
        });
  }

  /** The workload is gone or no longer tracked. */
  public void forget(WorkloadRef ref) {
    states.computeIfPresent(
        ref,
        (k, state) -> {
          state.written = null;
          return state.isEmpty() ? null : state;
        });
  }

  /** Nothing wanted and nothing in flight. */
  public boolean isIdle() {
    return inFlight.get() == 0 && states.values().stream().allMatch(s -> s.wanted == null);
  }

  /** PATCH requests sent so far, successful or not. */
  public long patchesSent() {
    return patches.get();
  }

  /**
   * What {@link #submit} compares against: the marks the workload will carry once pending writes
   * land.
   */
  WorkloadMarks expectedMarks(WorkloadRef ref, GenericKubernetesResource cached) {
    return expected(states.get(ref), cached);
  }

  /** Workloads the writer holds state for (memory accounting). */
  int trackedWorkloads() {
    return states.size();
  }

  /**
   * The marks the workload will carry once what is pending has landed: the pending wish, else a
   * recent write the cache has not caught up with, else what the cache shows.
   */
  private static WorkloadMarks expected(State state, GenericKubernetesResource cached) {
    if (state != null) {
      if (state.wanted != null) return state.wanted;
      if (state.written != null && isTrusted(state, cached)) return state.written;
    }
    return cached == null ? WorkloadMarks.NONE : WorkloadProjection.marks(cached);
  }

  private static boolean isTrusted(State state, GenericKubernetesResource cached) {
    if (System.nanoTime() - state.writtenAt > WRITTEN_TTL_NANOS) return false;
    return cached == null
        || !cacheHasCaughtUp(cached.getMetadata().getResourceVersion(), state.writtenVersion);
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
        LOG.warn("Unexpected failure writing ownership of {}; will retry: {}", ref, e.toString());
        LOG.debug("Failure writing ownership of {}", ref, e);
        failed(ref);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  private void write(WorkloadRef ref) throws InterruptedException {
    GenericKubernetesResource current = cache.apply(ref);
    WorkloadMarks[] snapshot = new WorkloadMarks[2];
    states.computeIfPresent(
        ref,
        (k, state) -> {
          snapshot[0] = state.wanted;
          if (state.written != null && current != null && isTrusted(state, current)) {
            snapshot[1] = state.written;
          }
          return state;
        });
    WorkloadMarks desired = snapshot[0];
    if (desired == null) return;
    if (current == null || current.getMetadata().getDeletionTimestamp() != null) {
      settle(ref, desired, true);
      return;
    }
    WorkloadMarks base = snapshot[1] != null ? snapshot[1] : WorkloadProjection.marks(current);
    String patch = MergePatch.between(base, desired);
    if (patch == null) {
      settle(ref, desired, false);
      return;
    }
    limiter.acquire();
    try {
      patches.incrementAndGet();
      String version = sendMergePatch(ref, patch);
      int failedBefore = landed(ref, desired, version);
      if (failedBefore > 0) {
        LOG.info("Wrote ownership of {} after {} failed attempt(s)", ref, failedBefore);
      }
      listener.written(ref, base, desired, version == null ? "" : version);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        settle(ref, desired, true);
        return;
      }
      int attempt = failed(ref);
      if (attempt == 1) {
        LOG.warn(
            "Could not write ownership of {} (HTTP {}: {}); retrying with backoff",
            ref,
            e.getCode(),
            SafeText.of(e.getMessage()));
      } else {
        LOG.debug(
            "Attempt {} to write ownership of {} failed (HTTP {})", attempt, ref, e.getCode());
      }
    }
  }

  /** The write of {@code desired} landed; returns how many attempts had failed before it. */
  private int landed(WorkloadRef ref, WorkloadMarks desired, String version) {
    int[] failedBefore = {0};
    boolean[] newer = {false};
    states.computeIfPresent(
        ref,
        (k, state) -> {
          failedBefore[0] = state.failures;
          state.failures = 0;
          state.written = desired;
          state.writtenVersion = version == null ? "" : version;
          state.writtenAt = System.nanoTime();
          // A newer wish may have arrived while this one was being written: it needs its own turn.
          if (desired.equals(state.wanted)) state.wanted = null;
          else newer[0] = state.wanted != null;
          return state;
        });
    if (newer[0]) enqueue(ref);
    return failedBefore[0];
  }

  /** Nothing (more) to write for {@code desired}; {@code gone}: the workload no longer exists. */
  private void settle(WorkloadRef ref, WorkloadMarks desired, boolean gone) {
    boolean[] newer = {false};
    states.computeIfPresent(
        ref,
        (k, state) -> {
          if (desired.equals(state.wanted)) state.wanted = null;
          else newer[0] = state.wanted != null;
          state.failures = 0;
          if (gone) state.written = null;
          return state.isEmpty() ? null : state;
        });
    if (newer[0]) enqueue(ref);
  }

  /** Counts a failed attempt and schedules the next; returns the attempt number. */
  private int failed(WorkloadRef ref) {
    int[] attempt = {1};
    states.computeIfPresent(
        ref,
        (k, state) -> {
          attempt[0] = ++state.failures;
          return state;
        });
    long delay =
        Math.min(LAST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt[0] - 1, 20));
    if (running) retries.schedule(() -> enqueue(ref), delay, TimeUnit.MILLISECONDS);
    return attempt[0];
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
            + ref.name()
            // Credited in managedFields, so GitOps and server-side-apply users see who owns the
            // keys.
            + "?fieldManager="
            + FieldManager.NAME;
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
          "PATCH "
              + url
              + " answered "
              + response.code()
              + ": "
              + SafeText.of(response.body(), 300),
          response.code(),
          null);
    }
    return resourceVersionOf(response.body());
  }

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * {@code metadata.resourceVersion} of the object a PATCH answered with, read up to it and no
   * further (the rest of a Deployment is several KB that nothing here needs); "" when absent.
   */
  static String resourceVersionOf(String object) {
    if (object == null) return "";
    try (JsonParser p = JSON.createParser(object)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("metadata") || value != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken inner = p.nextToken();
          if (name.equals("resourceVersion") && inner == JsonToken.VALUE_STRING) {
            return p.getText();
          }
          p.skipChildren();
        }
        return "";
      }
      return "";
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean cacheHasCaughtUp(String seen, String writtenVersion) {
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
    http.close();
  }
}
