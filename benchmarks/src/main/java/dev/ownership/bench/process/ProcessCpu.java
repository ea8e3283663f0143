package dev.ownership.bench.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a JVM has used so far, read from Linux's {@code /proc}: all its threads, and its JIT
 * compiler threads among them. JFR's samples see only threads running Java code, so they miss what
 * the compiler costs; this sees every thread.
 *
 * <p>A compiler thread the JVM has retired takes its time out of {@link #jitNanos()} (the total
 * keeps it), so the JIT figure is a lower bound.
 */
public record ProcessCpu(long totalNanos, long jitNanos) {
  /** {@code USER_HZ}, which Linux fixes at 100 for what {@code /proc} reports. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  public static final ProcessCpu UNKNOWN = new ProcessCpu(-1, -1);

  /** Now, for process {@code pid}; {@link #UNKNOWN} when {@code /proc} cannot tell. */
  public static ProcessCpu of(long pid) {
    Path proc = Path.of("/proc", String.valueOf(pid));
    try {
      long total = ticks(Files.readString(proc.resolve("stat")));
      long jit = 0;
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
        for (Path task : tasks) {
          String stat;
          try {
            stat = Files.readString(task.resolve("stat"));
          } catch (IOException gone) {
            continue; // the thread ended between the listing and the read
          }
          if (isCompiler(stat)) jit += ticks(stat);
        }
      }
      return new ProcessCpu(total * NANOS_PER_TICK, jit * NANOS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      return UNKNOWN;
    }
  }

  /** This JVM's own. */
  public static ProcessCpu self() {
    return of(ProcessHandle.current().pid());
  }

  /** What was used between {@code earlier} and this; unknown when either is. */
  public ProcessCpu since(ProcessCpu earlier) {
    if (!known() || !earlier.known()) return UNKNOWN;
    return new ProcessCpu(totalNanos - earlier.totalNanos, jitNanos - earlier.jitNanos);
  }

  public boolean known() {
    return totalNanos >= 0;
  }

  public double seconds() {
    return known() ? totalNanos / 1e9 : Double.NaN;
  }

  public double jitSeconds() {
    return known() ? jitNanos / 1e9 : Double.NaN;
  }

  /** HotSpot names them "C1 CompilerThreadN" and "C2 CompilerThreadN"; Linux keeps 15 chars. */
  static boolean isCompiler(String stat) {
    int open = stat.indexOf('(');
    return stat.startsWith("C1 CompilerThre", open + 1)
        || stat.startsWith("C2 CompilerThre", open + 1);
  }

  /**
   * utime + stime of one {@code stat} line. The name in parentheses may hold spaces and parentheses
   * itself, so fields are counted from the last ')': state is the first after it, utime the
   * twelfth, stime the thirteenth.
   */
  static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
