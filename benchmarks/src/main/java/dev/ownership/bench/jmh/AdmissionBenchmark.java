package dev.ownership.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.bench.fixtures.AdmissionReviews;
import dev.ownership.bench.fixtures.NoopReview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code AdmissionHandler.handle(byte[])} on the reviews of {@link AdmissionReviews}, in a
 * directory of 10,000 other namespaces; the allowed/denied outcome of each case is checked once in
 * setup.
 *
 * <p>Baselines: Jackson parsing the same bytes into a tree (the least a webhook must do) and
 * answering a fixed allowed review after reading the uid with a tree parse (a no-op webhook).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AdmissionBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Param({"CREATE_SMALL", "UPDATE_OWNED", "UPDATE_UNOWNED", "UPDATE_DENIED"})
  public AdmissionReviews.Case review;

  private AdmissionSubject subject;
  private byte[] body;

  @Setup
  public void setUp() {
    subject = subject(10_000, List.of());
    body = AdmissionReviews.review(review);
    String answer = new String(subject.handle(body).body(), StandardCharsets.UTF_8);
    boolean denied = review == AdmissionReviews.Case.UPDATE_DENIED;
    if (answer.contains("\"allowed\":true") == denied) {
      throw new IllegalStateException(review + " was not decided as expected: " + answer);
    }
  }

  /** The enforced and warn namespaces of the fixtures, plus {@code others} unrelated ones. */
  public static AdmissionSubject subject(int others, List<ClaimSpec> claims) {
    Map<String, Map<String, String>> labels = new HashMap<>();
    List<ClaimSpec> all = new ArrayList<>(claims);
    for (int n = 0; n < others; n++) {
      String ns = "team-ns-" + n;
      labels.put(ns, Map.of("kubernetes.io/metadata.name", ns));
      all.add(
          new ClaimSpec(
              ns,
              "svc",
              "team-" + n,
              Map.of("app.kubernetes.io/name", "svc"),
              "2025-01-01T00:00:00Z"));
    }
    for (String ns :
        List.of(AdmissionReviews.ENFORCED_NAMESPACE, AdmissionReviews.WARNED_NAMESPACE)) {
      labels.put(ns, AdmissionReviews.namespaceLabels(ns));
    }
    return new AdmissionSubject(labels, all);
  }

  @Benchmark
  public Object handle() {
    return subject.handle(body);
  }

  @Benchmark
  public Object baseline_parseOnly() throws IOException {
    return JSON.readTree(body);
  }

  @Benchmark
  public Object baseline_noopAnswer() throws IOException {
    JsonNode tree = JSON.readTree(body);
    return NoopReview.allowed(tree.path("request").path("uid").asText());
  }
}
