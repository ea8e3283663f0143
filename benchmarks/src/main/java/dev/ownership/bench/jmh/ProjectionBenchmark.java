package dev.ownership.bench.jmh;

import dev.ownership.bench.fixtures.DeploymentTemplate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
 * {@code WorkloadProjection.project} of a served Deployment (about 6 or 11 KB of JSON) and the
 * resolver input built from the projection.
 *
 * <p>Baseline: fabric8 deserializing the same JSON into a {@code GenericKubernetesResource}, which
 * the informer pays for every listed or watched object anyway.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ProjectionBenchmark {
  /** Template indexes: 1 is about 6 KB of JSON, 3 about 11 KB (with the last-applied copy). */
  @Param({"1", "3"})
  public int template;

  private String json;
  private GenericKubernetesResource full;
  private Object projected;

  @Setup
  public void setUp() {
    json =
        DeploymentTemplate.deployment(
                "checkout", "svc-" + template, template, Map.of("ownership.dev/team", "payments"))
            .toString();
    full = ProjectionSubject.parse(json);
    projected = ProjectionSubject.project(full);
  }

  @Benchmark
  public Object project() {
    return ProjectionSubject.project(full);
  }

  @Benchmark
  public Object toWorkload() {
    return ProjectionSubject.toWorkload(projected);
  }

  @Benchmark
  public Object baseline_parse() {
    return ProjectionSubject.parse(json);
  }
}
