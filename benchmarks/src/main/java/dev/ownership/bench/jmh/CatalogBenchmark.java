package dev.ownership.bench.jmh;

import dev.ownership.operator.catalog.CatalogBenchEntry;
import java.nio.charset.StandardCharsets;
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
 * One catalog page rendered from the caches (issue 14: "a page renders in well under 100 ms from
 * the caches with 10,000 workloads"): the router, the page and its bytes, as the HTTP server calls
 * them, without the socket. The index (every workload resolved) is built in setup and reused, as it
 * is while the caches stand still; each page is checked once to answer 200 with what it should
 * show.
 *
 * <p>Baseline: {@code workloads=100}, the same page over one namespace of 100 workloads, 10
 * ServiceOwnerships and 10 Teams. {@code workloads=10000}: 100 namespaces of 100, 1,000
 * ServiceOwnerships, 1,000 Teams (see {@link CatalogSubject}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CatalogBenchmark {
  /** The pages of issue 14, each with a text its answer must contain. */
  public enum Page {
    OVERVIEW("/", null, "workloads have an owner"),
    TEAM("/teams/team-5", null, "w-0-15"),
    NAMESPACE("/namespaces/ns-0", null, "w-0-17"),
    WORKLOAD("/workloads/ns-0/deployment/w-0-17", null, "team-7"),
    API_WORKLOADS_OF_TEAM("/api/v1/workloads", "team=team-5", "\"w-0-95\"");

    final String path;
    final String query;
    final String mustShow;

    Page(String path, String query, String mustShow) {
      this.path = path;
      this.query = query;
      this.mustShow = mustShow;
    }
  }

  @Param({"100", "10000"})
  public int workloads;

  @Param({"OVERVIEW", "TEAM", "NAMESPACE", "WORKLOAD", "API_WORKLOADS_OF_TEAM"})
  public Page page;

  private CatalogSubject subject;

  @Setup
  public void setUp() {
    subject =
        switch (workloads) {
          case 100 -> new CatalogSubject(1, 100, 10);
          case 10_000 -> new CatalogSubject(100, 100, 1_000);
          default -> throw new IllegalArgumentException("workloads: 100 or 10000");
        };
    CatalogBenchEntry.Page answer = subject.get(page.path, page.query);
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    if (answer.status() != 200 || !body.contains(page.mustShow)) {
      throw new IllegalStateException(
          page + " answered " + answer.status() + " without " + page.mustShow + ": " + body);
    }
  }

  @Benchmark
  public Object render() {
    return subject.get(page.path, page.query);
  }
}
