package dev.ownership.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  /** A thread's stat line as Linux writes it (fields 14 and 15 are utime and stime). */
  private static String stat(String name, long utime, long stime) {
    return "4242 ("
        + name
        + ") S 1 4242 4242 0 -1 4194560 1234 0 0 0 "
        + utime
        + " "
        + stime
        + " 0 0 20 0 31 0 100 9034864 166069 18446744073709551615\n";
  }

  @Test
  void addsUserAndSystemTicksCountingFieldsFromTheLastParenthesis() {
    assertThat(ProcessCpu.ticks(stat("java", 150, 25))).isEqualTo(175);
    // A thread may name itself with spaces and parentheses.
    assertThat(ProcessCpu.ticks(stat("a) b (c) 7 8", 3, 4))).isEqualTo(7);
  }

  @Test
  void knowsHotSpotsCompilerThreadsByTheirTruncatedNames() {
    assertThat(ProcessCpu.isCompiler(stat("C2 CompilerThre", 1, 1))).isTrue();
    assertThat(ProcessCpu.isCompiler(stat("C1 CompilerThre", 1, 1))).isTrue();
    assertThat(ProcessCpu.isCompiler(stat("vert.x-eventloo", 1, 1))).isFalse();
    assertThat(ProcessCpu.isCompiler(stat("GC Thread#0", 1, 1))).isFalse();
  }

  @Test
  void readsThisJvmAndSubtracts() {
    ProcessCpu before = ProcessCpu.self();
    long spin = 0;
    long until = System.nanoTime() + 200_000_000L;
    while (System.nanoTime() < until) spin++;
    ProcessCpu used = ProcessCpu.self().since(before);
    assertThat(spin).isPositive();
    assertThat(before.known()).isTrue();
    assertThat(used.seconds()).as("a 0.2 s busy loop").isBetween(0.1, 5.0);
    assertThat(used.jitNanos()).isBetween(0L, used.totalNanos());
    assertThat(ProcessCpu.of(Long.MAX_VALUE)).isEqualTo(ProcessCpu.UNKNOWN);
    assertThat(used.since(ProcessCpu.UNKNOWN).known()).isFalse();
  }
}
