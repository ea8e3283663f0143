package dev.ownership.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.bench.process.ProcessCpu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale harness end to end at N=300, two owner cycles: the real jar against the fake API
 * server.
 */
class ScaleHarnessIT {
  @TempDir Path work;

  @Test
  void measuresStartMemoryMarkingAndAQuietRestart() throws Exception {
    ScaleHarness.Options options =
        ScaleHarness.parse(
            new String[] {
              "--n",
              "300",
              "--flags",
              "deploy",
              "--repeats",
              "1",
              "--owner-phase-max",
              "300",
              "--owner-cycles",
              "2",
              "--phase-timeout",
              "180",
              "--work-dir",
              work.toString()
            });
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    List<ScaleHarness.Run> runs = ScaleHarness.run(options, new PrintStream(text, true));
    assertThat(runs).hasSize(1);
    ScaleHarness.Run run = runs.get(0);
    assertThat(run.failure()).as(text.toString()).isNull();
    assertThat(run.readySeconds()).isPositive();
    assertThat(run.resolvedSeconds()).isGreaterThanOrEqualTo(run.readySeconds());
    assertThat(run.startPatches()).as("already marked: a start writes nothing").isZero();
    assertThat(run.heapMib()).isPositive();
    assertThat(run.rssMib()).isGreaterThan(run.heapMib());
    assertThat(run.ownedPatches()).as("one PATCH per workload").isEqualTo(300);
    assertThat(run.ownedSeconds()).isPositive();
    assertThat(run.coldRawSeconds()).as("the server was warmed first").isPositive();
    assertThat(run.releasedSeconds()).as("all unowned again after the delete").isPositive();
    assertThat(run.rawSeconds()).isPositive();
    assertThat(run.rawWarmSeconds()).isPositive();
    assertThat(run.rawWatchedSeconds()).as("every change arrived on the watch").isPositive();
    // CPU read from /proc for both writers and the server over the same N writes; a fresh JVM's
    // first writes always compile something.
    ProcessCpu operator = run.ownedCpu();
    assertThat(operator.totalNanos()).as(text.toString()).isPositive();
    assertThat(operator.jitNanos()).isPositive().isLessThanOrEqualTo(operator.totalNanos());
    assertThat(run.ownedServerCpu().totalNanos()).isPositive();
    RawPatchLoop.Pass raw = run.rawPass();
    assertThat(raw.cpuSeconds()).isPositive();
    assertThat(raw.jitSeconds()).isPositive().isLessThanOrEqualTo(raw.cpuSeconds());
    assertThat(raw.serverCpuSeconds()).isPositive();
    // The throwaway operator that warmed the server owned and released all 300 before.
    assertThat(work.resolve("n300-deploy-0").resolve("warm-up.log")).isNotEmptyFile();
    // The release left every workload as the server seeded it, so the restart finds nothing to do.
    assertThat(run.restartPatches()).isZero();
    ScaleHarness.print(runs, new PrintStream(text, true));
    assertThat(text.toString())
        .contains("N=300 flags=deploy")
        .contains("owner cycle 2: all owned")
        .contains("owned / raw (ratio)")
        .contains("unowned / raw last pass (ratio)")
        .contains("owned / raw watched (ratio)")
        .contains("of it JIT compiler threads (s)");
  }
}
