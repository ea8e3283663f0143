package dev.ownership.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM started by a harness: output to a log file, RSS from /proc, heap through jcmd. */
public final class JavaProcess implements AutoCloseable {
  private static final Pattern HEAP_USED =
      Pattern.compile("(?:used|Used:?)\\s+(\\d+)K", Pattern.CASE_INSENSITIVE);

  private final Process process;
  private final Path log;

  private JavaProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Starts {@code java jvmFlags main args}; {@code main} is e.g. {@code -jar x.jar} or {@code -cp x
   * C}.
   */
  public static JavaProcess start(
      List<String> jvmFlags,
      List<String> main,
      List<String> args,
      Map<String, String> env,
      Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmFlags);
    command.addAll(main);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("KUBERNETES_SERVICE_HOST");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    return new JavaProcess(builder.start(), log);
  }

  /** The classpath this JVM runs with: for starting the fake API server and responder. */
  public static String ownClasspath() {
    return System.getProperty("java.class.path");
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** Resident set size in KiB (VmRSS), or -1 when the process is gone. */
  public long rssKib() {
    return procStatus("VmRSS");
  }

  /** Peak resident set size in KiB (VmHWM). */
  public long peakRssKib() {
    return procStatus("VmHWM");
  }

  private long procStatus(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("\\D+", ""));
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Runs {@code jcmd pid GC.run} and returns the heap in use afterwards, in bytes. */
  public long heapAfterGcBytes() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    // Each heap or generation line reads "<name> total NK, used NK": one for G1, two for Serial
    // (young and tenured) and Parallel; the heap is their sum.
    Matcher m = Pattern.compile("total\\s+\\d+K,\\s+used\\s+(\\d+)K").matcher(info);
    long usedKib = 0;
    boolean found = false;
    while (m.find()) {
      usedKib += Long.parseLong(m.group(1));
      found = true;
    }
    if (found) return usedKib * 1024;
    Matcher g1 = HEAP_USED.matcher(info);
    if (g1.find()) return Long.parseLong(g1.group(1)) * 1024;
    throw new IOException("cannot read the heap from jcmd GC.heap_info:\n" + info);
  }

  /** {@code jcmd pid command...}, its output. */
  public String jcmd(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    cmd.add(String.valueOf(process.pid()));
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
    return out;
  }

  /** Waits for a line containing {@code text} in the log. */
  public boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) return true;
      if (!process.isAlive()) return output().contains(text);
      Thread.sleep(50);
    }
    return false;
  }

  /** Waits for the process to exit by itself; its exit code, or -1 if it is still running. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return -1;
    return process.exitValue();
  }

  /** SIGKILL at once (kill -9): no shutdown hook runs, nothing is flushed or released. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL after {@code grace}. */
  public void stop(Duration grace) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    try {
      stop(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
