package dev.ownership.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code MergePatch.between} (the controller's merge-patch body, formerly {@code
 * WorkloadMarks.mergePatchFrom}): the body of the PATCH that marks a workload, when every mark
 * changes (unowned to owned) and when none does (the restart case, which must write nothing).
 *
 * <p>Baseline: the same JSON text built with a StringBuilder from constants.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MergePatchBenchmark {
  private final Object unowned = MarksSubject.marks(null, null, null, "unowned");
  private final Object owned =
      MarksSubject.marks("payments", "checkout", "serviceownership/checkout", "owned");
  private final Object ownedCopy =
      MarksSubject.marks("payments", "checkout", "serviceownership/checkout", "owned");

  @Benchmark
  public Object allChanged() {
    return MarksSubject.mergePatch(owned, unowned);
  }

  @Benchmark
  public Object nothingChanged() {
    return MarksSubject.mergePatch(owned, ownedCopy);
  }

  @Benchmark
  public Object baseline_stringBuilder() {
    return new StringBuilder(160)
        .append("{\"metadata\":{\"annotations\":{\"ownership.dev/team\":\"")
        .append("payments")
        .append("\",\"ownership.dev/service\":\"")
        .append("checkout")
        .append("\",\"ownership.dev/source\":\"")
        .append("serviceownership/checkout")
        .append("\"},\"labels\":{\"ownership.dev/status\":\"")
        .append("owned")
        .append("\"}}}")
        .toString();
  }
}
