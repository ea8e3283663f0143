package dev.ownership.bench.scale;

import dev.ownership.bench.fakeapi.FakeApiProcess;
import dev.ownership.bench.process.JavaProcess;
import dev.ownership.bench.process.OperatorJar;
import dev.ownership.bench.process.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The scale harness: N realistic Deployments (from {@code DeploymentTemplate}, 5-11 KB each, all in
 * namespace {@code bench-0}, already marked unowned as after an earlier run) on the fake API server
 * in its own JVM, and the real jar's {@code run} (no webhook, no leader election) against it. Per
 * run it measures:
 *
 * <ol>
 *   <li>start to {@code /readyz} 200, and to the log line saying every workload is resolved;
 *   <li>PATCHes during that start (nothing changed: must be 0);
 *   <li>heap after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}) and RSS;
 *   <li>after one ServiceOwnership with selector {@code {}} appears: time until all N carry {@code
 *       ownership.dev/status=owned} (only for N up to {@code --owner-phase-max});
 *   <li>a restart with nothing changed: time to ready and PATCH count (must be 0);
 *   <li>with the operator stopped, a raw PATCH loop of the same concurrency over the same N on the
 *       same server: the baseline of (4); then the same loop again while a watch of the Deployments
 *       is open and read, as the operator's is (the server then also sends each changed object).
 * </ol>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ownership.bench.scale.ScaleHarness \
 *     [--n 0,10000,50000,100000] [--flags deploy,default] [--repeats 3] [--owner-phase-max 10000] \
 *     [--write-rate 100000] [--write-concurrency 4] [--jfr] [--histogram] [--work-dir DIR] \
 *     [--results FILE] [--no-restart] [--extra-jvm-flags "-XX:MaxRAMPercentage=40 ..."]
 * </pre>
 *
 * {@code deploy} flags are those of the shipped Deployment in a 768Mi container ({@code
 * -XX:MaxRAM=768m -XX:MaxRAMPercentage=66 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC}: the JVM
 * sizes its heap as it would under that cgroup limit, and gets the collector it would choose there
 * — below 1792 MB of memory it is not a "server class machine" and takes SerialGC; {@code MaxRAM}
 * alone does not change that choice, so without the flag this machine's 23 GB gave G1); {@code
 * default} passes none. Runs alternate flag sets.
 */
public final class ScaleHarness {
  static final String NAMESPACE = "bench-0";
  static final Map<String, List<String>> FLAG_SETS =
      Map.of(
          "deploy",
          List.of(
              "-XX:MaxRAM=768m",
              "-XX:MaxRAMPercentage=66",
              "-XX:+ExitOnOutOfMemoryError",
              "-XX:+UseSerialGC"),
          "default",
          List.of());

  /** One run's figures; NaN where a phase was skipped or failed. */
  record Run(
      int n,
      String flags,
      double readySeconds,
      double resolvedSeconds,
      long startPatches,
      double heapMib,
      double rssMib,
      double peakRssMib,
      double ownedSeconds,
      long ownedPatches,
      double rawSeconds,
      double rawWatchedSeconds,
      double restartReadySeconds,
      long restartPatches,
      String failure) {}

  record Options(
      List<Integer> sizes,
      List<String> flagSets,
      int repeats,
      int ownerPhaseMax,
      double writeRate,
      int writeConcurrency,
      boolean jfr,
      boolean histogram,
      Path workDir,
      Path results,
      Duration phaseTimeout,
      boolean restart,
      List<String> extraJvmFlags) {}

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    List<Run> runs = run(options, System.out);
    print(runs, System.out);
  }

  static Options parse(String[] args) throws IOException {
    List<Integer> sizes = List.of(0, 10_000, 50_000, 100_000);
    List<String> flags = List.of("deploy", "default");
    int repeats = 3;
    int ownerMax = 10_000;
    double rate = 100_000;
    int concurrency = 4;
    boolean jfr = false;
    boolean histogram = false;
    Path work = null;
    Path results = null;
    Duration timeout = Duration.ofMinutes(15);
    boolean restart = true;
    List<String> extra = List.of();
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--n" -> sizes = splitInts(v);
        case "--flags" -> flags = List.of(v.split(","));
        case "--repeats" -> repeats = Integer.parseInt(v);
        case "--owner-phase-max" -> ownerMax = Integer.parseInt(v);
        case "--write-rate" -> rate = Double.parseDouble(v);
        case "--write-concurrency" -> concurrency = Integer.parseInt(v);
        case "--jfr" -> {
          jfr = true;
          i--;
        }
        case "--histogram" -> {
          histogram = true;
          i--;
        }
        case "--work-dir" -> work = Path.of(v);
        case "--extra-jvm-flags" -> extra = List.of(v.trim().split("\\s+"));
        case "--results" -> results = Path.of(v);
        case "--phase-timeout" -> timeout = Duration.ofSeconds(Long.parseLong(v));
        case "--no-restart" -> {
          restart = false;
          i--;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    for (String f : flags) {
      if (!FLAG_SETS.containsKey(f))
        throw new IllegalArgumentException("--flags: unknown set " + f);
    }
    if (work == null) work = Files.createTempDirectory("scale-harness");
    Files.createDirectories(work);
    return new Options(
        sizes,
        flags,
        repeats,
        ownerMax,
        rate,
        concurrency,
        jfr,
        histogram,
        work,
        results,
        timeout,
        restart,
        extra);
  }

  /**
   * The set's flags, then {@code --extra-jvm-flags} (a later -XX flag wins over an earlier one).
   */
  private static List<String> jvmFlags(Options o, String set) {
    List<String> jvm = new ArrayList<>(FLAG_SETS.get(set));
    jvm.addAll(o.extraJvmFlags());
    return jvm;
  }

  private static List<Integer> splitInts(String v) {
    List<Integer> out = new ArrayList<>();
    for (String s : v.split(",")) out.add(Integer.parseInt(s.trim().replace("k", "000")));
    return out;
  }

  static List<Run> run(Options o, PrintStream out) throws Exception {
    List<Run> runs = new ArrayList<>();
    for (int n : o.sizes()) {
      for (int r = 0; r < o.repeats(); r++) {
        for (String flags : o.flagSets()) {
          Run run = runOnce(o, n, flags, r, out);
          runs.add(run);
          out.println(describe(run));
          if (o.results() != null) {
            Files.writeString(
                o.results(),
                describe(run) + "\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
          }
        }
      }
    }
    return runs;
  }

  static Run runOnce(Options o, int n, String flags, int repeat, PrintStream out) throws Exception {
    Path dir = Files.createDirectories(o.workDir().resolve("n" + n + "-" + flags + "-" + repeat));
    out.printf(Locale.ROOT, "# N=%d flags=%s run %d (logs in %s)%n", n, flags, repeat + 1, dir);
    String fakeHeap = n > 50_000 ? "4g" : "2g";
    try (FakeApiProcess api =
        FakeApiProcess.start(
            fakeHeap,
            List.of("--deployments", String.valueOf(n), "--namespaces", "1", "--marked", "unowned"),
            dir)) {
      Path kubeconfig = OperatorJar.writeKubeconfig(dir.resolve("kubeconfig"), api.port());
      List<String> jvm = jvmFlags(o, flags);
      if (o.jfr()) {
        jvm.add(
            "-XX:StartFlightRecording=filename="
                + dir.resolve("operator.jfr")
                + ",settings=profile,dumponexit=true");
      }
      Phase start = startOperator(o, api, kubeconfig, jvm, dir.resolve("operator.log"), n);
      if (start.failure != null) return failed(n, flags, start.failure);
      double heapMib;
      double rssMib;
      double peakMib;
      long ownedPatches = -1;
      double ownedSeconds = Double.NaN;
      try (JavaProcess operator = start.process) {
        heapMib = operator.heapAfterGcBytes() / 1048576.0;
        rssMib = operator.rssKib() / 1024.0;
        if (o.histogram()) {
          Files.writeString(
              dir.resolve("class-histogram.txt"), operator.jcmd("GC.class_histogram"));
        }
        if (n > 0 && n <= o.ownerPhaseMax()) {
          api.resetStats();
          long created = System.nanoTime();
          api.create(
              "/apis/"
                  + OperatorJar.SERVICE_OWNERSHIP_API
                  + "/namespaces/"
                  + NAMESPACE
                  + "/"
                  + OperatorJar.SERVICE_OWNERSHIPS,
              serviceOwnership("everything", "bench-team"));
          if (!await(() -> api.deploymentsWithStatus("owned") >= n, o.phaseTimeout(), operator)) {
            return failed(n, flags, "not all " + n + " owned within " + o.phaseTimeout());
          }
          ownedSeconds = (System.nanoTime() - created) / 1e9;
          ownedPatches = api.requests("PATCH", "deployments.apps");
        }
        peakMib = operator.peakRssKib() / 1024.0;
      }
      if (!o.restart()) {
        return new Run(
            n,
            flags,
            start.readySeconds,
            start.resolvedSeconds,
            start.patches,
            heapMib,
            rssMib,
            peakMib,
            ownedSeconds,
            ownedPatches,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            -1,
            null);
      }
      // A restart with nothing changed: must write nothing.
      api.resetStats();
      Phase restart =
          startOperator(o, api, kubeconfig, jvmFlags(o, flags), dir.resolve("restart.log"), n);
      if (restart.failure != null) return failed(n, flags, "restart: " + restart.failure);
      long restartPatches;
      try (JavaProcess operator = restart.process) {
        Thread.sleep(3000);
        restartPatches = api.requests("PATCH", "deployments.apps");
      }
      double rawSeconds = Double.NaN;
      double rawWatchedSeconds = Double.NaN;
      if (n > 0 && n <= o.ownerPhaseMax()) {
        rawSeconds = rawLoop(api, n, o, "raw-team", false, out);
        // Another team, so that every patch changes the object and the watch sees it.
        rawWatchedSeconds = rawLoop(api, n, o, "raw-watched-team", true, out);
      }
      return new Run(
          n,
          flags,
          start.readySeconds,
          start.resolvedSeconds,
          start.patches,
          heapMib,
          rssMib,
          peakMib,
          ownedSeconds,
          ownedPatches,
          rawSeconds,
          rawWatchedSeconds,
          restart.readySeconds,
          restartPatches,
          null);
    }
  }

  private static double rawLoop(
      FakeApiProcess api, int n, Options o, String team, boolean watched, PrintStream out)
      throws InterruptedException {
    RawPatchLoop.Result raw =
        RawPatchLoop.run(api.port(), NAMESPACE, n, o.writeConcurrency(), team, watched);
    if (raw.failures() + raw.retries() > 0) {
      out.printf(
          "  raw PATCH loop%s: %d retried, %d failed of %d%n",
          watched ? " (watched)" : "", raw.retries(), raw.failures(), n);
    }
    return raw.seconds();
  }

  private record Phase(
      JavaProcess process,
      double readySeconds,
      double resolvedSeconds,
      long patches,
      String failure) {}

  private static Phase startOperator(
      Options o, FakeApiProcess api, Path kubeconfig, List<String> jvm, Path log, int n)
      throws Exception {
    int metricsPort = freePort();
    List<String> args =
        OperatorJar.runArguments(metricsPort, o.writeConcurrency(), o.writeRate(), null, null, 0);
    long t0 = System.nanoTime();
    JavaProcess p = OperatorJar.start(kubeconfig, jvm, args, log);
    if (!await(() -> OperatorJar.ready(metricsPort), o.phaseTimeout(), p)) {
      String why =
          p.isAlive() ? "not ready within " + o.phaseTimeout() : "exited: " + tail(p.output());
      p.close();
      return new Phase(null, 0, 0, 0, why);
    }
    double ready = (System.nanoTime() - t0) / 1e9;
    if (!await(() -> OperatorJar.allResolved(p.output()), o.phaseTimeout(), p)) {
      String why =
          p.isAlive()
              ? "first pass not logged as done within " + o.phaseTimeout()
              : "exited: " + tail(p.output());
      p.close();
      return new Phase(null, 0, 0, 0, why);
    }
    double resolved = (System.nanoTime() - t0) / 1e9;
    return new Phase(p, ready, resolved, api.requests("PATCH", "deployments.apps"), null);
  }

  interface Check {
    boolean holds() throws Exception;
  }

  private static boolean await(Check check, Duration timeout, JavaProcess process)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.holds()) return true;
      if (!process.isAlive()) return false;
      Thread.sleep(50);
    }
    return false;
  }

  static String serviceOwnership(String name, String team) {
    return "{\"apiVersion\":\""
        + OperatorJar.SERVICE_OWNERSHIP_API
        + "\",\"kind\":\"ServiceOwnership\","
        + "\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\""
        + NAMESPACE
        + "\"},"
        + "\"spec\":{\"team\":\""
        + team
        + "\",\"selector\":{}}}";
  }

  private static Run failed(int n, String flags, String why) {
    return new Run(
        n,
        flags,
        Double.NaN,
        Double.NaN,
        -1,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        -1,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        -1,
        why);
  }

  private static String tail(String text) {
    String[] lines = text.strip().split("\n");
    return String.join(
        "\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 5), lines.length));
  }

  private static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String describe(Run r) {
    if (r.failure() != null)
      return String.format(Locale.ROOT, "N=%d flags=%s FAILED: %s", r.n(), r.flags(), r.failure());
    return String.format(
        Locale.ROOT,
        "N=%d flags=%s ready=%.1fs resolved=%.1fs startPatches=%d heapAfterGC=%.1fMiB rss=%.0fMiB"
            + " peakRss=%.0fMiB owned=%.1fs ownedPatches=%d rawPatchLoop=%.1fs ratio=%.2f"
            + " rawWatched=%.1fs ratioWatched=%.2f restartReady=%.1fs restartPatches=%d",
        r.n(),
        r.flags(),
        r.readySeconds(),
        r.resolvedSeconds(),
        r.startPatches(),
        r.heapMib(),
        r.rssMib(),
        r.peakRssMib(),
        r.ownedSeconds(),
        r.ownedPatches(),
        r.rawSeconds(),
        r.ownedSeconds() / r.rawSeconds(),
        r.rawWatchedSeconds(),
        r.ownedSeconds() / r.rawWatchedSeconds(),
        r.restartReadySeconds(),
        r.restartPatches());
  }

  /** min / median / max of every figure per N and flag set; KB per workload against N=0. */
  static void print(List<Run> runs, PrintStream out) {
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    for (Run r : runs) {
      if (r.failure() == null)
        groups.computeIfAbsent(r.n() + " " + r.flags(), k -> new ArrayList<>()).add(r);
    }
    out.println();
    out.println("Summary (min / median / max):");
    for (Map.Entry<String, List<Run>> e : groups.entrySet()) {
      List<Run> g = e.getValue();
      Run first = g.get(0);
      out.printf("N=%d flags=%s%n", first.n(), first.flags());
      line(out, "  ready (s)", g, Run::readySeconds, 1);
      line(out, "  all resolved (s)", g, Run::resolvedSeconds, 1);
      line(out, "  heap after GC (MiB)", g, Run::heapMib, 1);
      line(out, "  RSS (MiB)", g, Run::rssMib, 0);
      line(out, "  peak RSS (MiB)", g, Run::peakRssMib, 0);
      Run empty =
          runs.stream()
              .filter(r -> r.n() == 0 && r.flags().equals(first.flags()) && r.failure() == null)
              .findFirst()
              .orElse(null);
      if (empty != null && first.n() > 0) {
        line(
            out,
            "  heap per workload (KB, vs N=0)",
            g,
            r -> (r.heapMib() - empty.heapMib()) * 1048576 / 1000 / r.n(),
            2);
      }
      if (!Double.isNaN(first.ownedSeconds())) {
        line(out, "  all owned after {} (s)", g, Run::ownedSeconds, 1);
        line(out, "  raw PATCH loop (s)", g, Run::rawSeconds, 1);
        line(out, "  owned / raw (ratio)", g, r -> r.ownedSeconds() / r.rawSeconds(), 2);
        line(out, "  raw PATCH loop, watched (s)", g, Run::rawWatchedSeconds, 1);
        line(
            out,
            "  owned / raw watched (ratio)",
            g,
            r -> r.ownedSeconds() / r.rawWatchedSeconds(),
            2);
      }
      line(out, "  restart ready (s)", g, Run::restartReadySeconds, 1);
      out.printf(
          "  PATCHes at start / at restart: %s / %s%n",
          g.stream().map(r -> String.valueOf(r.startPatches())).toList(),
          g.stream().map(r -> String.valueOf(r.restartPatches())).toList());
    }
    for (Run r : runs) if (r.failure() != null) out.println(describe(r));
  }

  private static void line(
      PrintStream out, String label, List<Run> g, Function<Run, Double> f, int decimals) {
    out.printf("%-36s %s%n", label, Summary.of(g.stream().map(f).toList()).format(decimals));
  }
}
