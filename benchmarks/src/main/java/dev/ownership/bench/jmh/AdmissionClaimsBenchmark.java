package dev.ownership.bench.jmh;

import dev.ownership.bench.fixtures.AdmissionReviews;
import java.util.ArrayList;
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
 * Review latency with many overlapping ServiceOwnerships (issue 11, item 0): the 11 KB owned UPDATE
 * of {@link AdmissionReviews} while 1,000 or 10,000 ServiceOwnerships with selector {@code {}} and
 * each its own team sit in the review's namespace ({@code same}: every one conflicts with the
 * workload's team label) or in another namespace ({@code other}: none is read).
 *
 * <p>Baseline: the same review with no ServiceOwnership at all, in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class AdmissionClaimsBenchmark {
  @Param({"1000", "10000"})
  public int claims;

  @Param({"same", "other"})
  public String where;

  private AdmissionSubject subject;
  private AdmissionSubject empty;
  private byte[] body;

  @Setup
  public void setUp() {
    String namespace = where.equals("same") ? AdmissionReviews.ENFORCED_NAMESPACE : "elsewhere";
    List<ClaimSpec> specs = new ArrayList<>(claims);
    for (int i = 0; i < claims; i++) {
      specs.add(
          new ClaimSpec(
              namespace,
              "so-" + i,
              "team-" + i,
              Map.of(),
              String.format("2025-01-01T00:%02d:%02dZ", (i / 60) % 60, i % 60)));
    }
    subject = AdmissionBenchmark.subject(0, specs);
    empty = AdmissionBenchmark.subject(0, List.of());
    body = AdmissionReviews.review(AdmissionReviews.Case.UPDATE_OWNED);
    if (subject.handle(body).status() != 200) throw new IllegalStateException("not answered");
  }

  @Benchmark
  public Object handle() {
    return subject.handle(body);
  }

  @Benchmark
  public Object baseline_noServiceOwnerships() {
    return empty.handle(body);
  }
}
