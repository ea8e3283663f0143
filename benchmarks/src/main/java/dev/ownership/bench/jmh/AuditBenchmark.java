package dev.ownership.bench.jmh;

import dev.ownership.bench.fixtures.AuditInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code audit} command over a generated repository ({@link AuditInput}: 20 YAML files, the
 * given number of Deployments of 4-9 KB, their Namespaces and 200 ServiceOwnerships), its table
 * report written nowhere.
 *
 * <p>Baseline: reading and parsing the same files into documents, which {@code audit} has to do
 * anyway; issue 12's target is {@code audit} at most 2x that.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class AuditBenchmark {
  @Param({"2000"})
  public int deployments;

  private Path dir;
  private List<String> paths;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("audit-bench");
    paths = AuditInput.write(dir, deployments);
    int documents = AuditSubject.parse(paths);
    int expected = deployments + AuditInput.NAMESPACES * 11;
    if (documents != expected) {
      throw new IllegalStateException("read " + documents + " documents, wrote " + expected);
    }
    // Exit code 2 would mean audit found the input unreadable: it would time the error path.
    int exit = AuditSubject.audit(paths);
    if (exit == 2) throw new IllegalStateException("audit exited 2 (bad input)");
  }

  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public int audit() {
    return AuditSubject.audit(paths);
  }

  @Benchmark
  public int baseline_parse() {
    return AuditSubject.parse(paths);
  }
}
