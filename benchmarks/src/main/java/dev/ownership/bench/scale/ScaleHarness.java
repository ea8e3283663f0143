package dev.ownership.bench.scale;

import dev.ownership.bench.fakeapi.FakeApiProcess;
import dev.ownership.bench.process.JavaProcess;
import dev.ownership.bench.process.OperatorJar;
import dev.ownership.bench.process.ProcessCpu;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale harness: N realistic Deployments (from {@code DeploymentTemplate}, 5-11 KB each, all in
 * namespace {@code bench-0}, already marked unowned as after an earlier run) on the fake API server
 * in its own JVM, and the real jar's {@code run} (no webhook, no leader election) against it. Per
 * run it measures:
 *
 * <ol>
 *   <li>before the operator starts (for N up to {@code --owner-phase-max}, unless {@code
 *       --cold-server}): the raw PATCH loop of (7) once over the N Deployments, timed (the loop on
 *       a cold server), and once more setting the keys back; then a throwaway operator owns and
 *       releases the N once (its own traffic takes server paths the loop does not), so that (5) and
 *       (7) both meet a server that has compiled everything either sends;
 *   <li>start to {@code /readyz} 200, and to the log line saying every workload is resolved;
 *   <li>PATCHes during that start (nothing changed: must be 0);
 *   <li>heap after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}) and RSS;
 *   <li>after one ServiceOwnership with selector {@code {}} appears: time until all N carry {@code
 *       ownership.dev/status=owned} (only for N up to {@code --owner-phase-max}), with the CPU the
 *       operator (its JIT compiler threads apart) and the server used meanwhile; then, after it is
 *       deleted, until all N are {@code unowned} again: the same N writes from an operator that has
 *       written before. {@code --owner-cycles K} repeats both K times; the first cycle's owned time
 *       and the last cycle's unowned time are reported;
 *   <li>a restart with nothing changed: time to ready and PATCH count (must be 0);
 *   <li>with the operator stopped, the raw PATCH loop (one fresh JVM with the operator's flags, the
 *       same concurrency, over the same N on the same server): its first pass is the baseline of
 *       the first owned time (with the loop's and the server's CPU, as for the operator), its last
 *       (after K mark and unmark passes, as the operator's) that of the last unowned time; then the
 *       same loop in another fresh JVM while a watch of the Deployments is open and read, as the
 *       operator's is (the server then also sends each changed object).
 * </ol>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ownership.bench.scale.ScaleHarness \
 *     [--n 0,10000,50000,100000] [--flags deploy,default] [--repeats 3] [--owner-phase-max 10000] \
 *     [--write-rate 100000] [--write-concurrency 4] [--jfr] [--histogram] [--work-dir DIR] \
 *     [--results FILE] [--no-restart] [--cold-server] [--owner-cycles 1] \
 *     [--extra-jvm-flags "-XX:MaxRAMPercentage=40 ..."]
 * </pre>
 *
 * {@code deploy} flags are those of the shipped Deployment in a 768Mi container ({@link
 * OperatorJar#CONTAINER_JVM_FLAGS}); {@code default} passes none. Runs alternate flag sets.
 */
public final class ScaleHarness {
  static final String NAMESPACE = "bench-0";
  static final Map<String, List<String>> FLAG_SETS =
      Map.of("deploy", OperatorJar.CONTAINER_JVM_FLAGS, "default", List.of());

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
      ProcessCpu ownedCpu,
      ProcessCpu ownedServerCpu,
      double releasedSeconds,
      double coldRawSeconds,
      RawPatchLoop.Pass rawPass,
      double rawWarmSeconds,
      double rawWatchedSeconds,
      double restartReadySeconds,
      long restartPatches,
      String failure) {
    /** The raw loop's first pass in a fresh JVM: the baseline of the first owned time. */
    double rawSeconds() {
      return rawPass.seconds();
    }
  }

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
      boolean warmServer,
      int ownerCycles,
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
    boolean warm = true;
    int cycles = 1;
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
        case "--owner-cycles" -> cycles = Integer.parseInt(v);
        case "--cold-server" -> {
          warm = false;
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
        warm,
        cycles,
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
      boolean ownerPhase = n > 0 && n <= o.ownerPhaseMax();
      double coldRawSeconds = Double.NaN;
      if (ownerPhase && o.warmServer()) {
        // The raw loops after the owner phase ran on a server that phase had warmed (its PATCH
        // path compiled by the JIT), the operator's phase on a cold one. Both now find it warm:
        // N marking patches, then N that set the same keys back to how the server seeded them.
        coldRawSeconds =
            rawLoops(
                api,
                n,
                o,
                jvmFlags(o, flags),
                false,
                dir.resolve("raw-warm-up.log"),
                out,
                RawPatchLoop.marking("warm-up-team"),
                RawPatchLoop.unmarking())[0]
                .seconds();
        // The operator's traffic takes paths of the server the raw loop does not (the watch, the
        // ServiceOwnership and its status, Events), and the JIT recompiled the PATCH path when
        // they appeared: measured, the server then used 3-4x the CPU for the operator's N patches
        // that it used for the raw loop's. One throwaway operator owning and releasing the N first
        // lets the measured operator, as the raw loop, meet a server that has seen all of it.
        Phase warmUp =
            startOperator(o, api, kubeconfig, jvmFlags(o, flags), dir.resolve("warm-up.log"), n);
        if (warmUp.failure != null) return failed(n, flags, "warm-up: " + warmUp.failure);
        try (JavaProcess operator = warmUp.process) {
          if (ownAndRelease(api, operator, "warm-up", n, o) == null)
            return failed(n, flags, "warm-up: not all " + n + " owned and released in time");
        }
        api.resetStats();
      }
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
      Cycle first = Cycle.NONE;
      double releasedSeconds = Double.NaN;
      try (JavaProcess operator = start.process) {
        heapMib = operator.heapAfterGcBytes() / 1048576.0;
        rssMib = operator.rssKib() / 1024.0;
        if (o.histogram()) {
          Files.writeString(
              dir.resolve("class-histogram.txt"), operator.jcmd("GC.class_histogram"));
        }
        if (ownerPhase) {
          for (int cycle = 1; cycle <= o.ownerCycles(); cycle++) {
            // A new name each cycle: the deleted one may linger until its finalizer is removed.
            Cycle c = ownAndRelease(api, operator, "everything-" + cycle, n, o);
            if (c == null)
              return failed(
                  n, flags, "not all " + n + " owned and released within " + o.phaseTimeout());
            if (cycle == 1) first = c;
            releasedSeconds = c.releasedSeconds();
            double owned = c.ownedSeconds();
            out.printf(
                Locale.ROOT,
                "  owner cycle %d: all owned %.1f s, all unowned again %.1f s%n",
                cycle,
                owned,
                releasedSeconds);
          }
        }
        peakMib = operator.peakRssKib() / 1024.0;
      }
      RawPatchLoop.Pass rawPass = RawPatchLoop.Pass.NONE;
      double rawWarmSeconds = Double.NaN;
      double rawWatchedSeconds = Double.NaN;
      double restartReadySeconds = Double.NaN;
      long restartPatches = -1;
      // --no-restart skips the raw loops too: they run with the operator stopped, after it.
      if (o.restart()) {
        // A restart with nothing changed: must write nothing.
        api.resetStats();
        Phase restart =
            startOperator(o, api, kubeconfig, jvmFlags(o, flags), dir.resolve("restart.log"), n);
        if (restart.failure != null) return failed(n, flags, "restart: " + restart.failure);
        restartReadySeconds = restart.readySeconds;
        try (JavaProcess operator = restart.process) {
          Thread.sleep(3000);
          restartPatches = api.requests("PATCH", "deployments.apps");
        }
        if (ownerPhase) {
          RawPatchLoop.Pass[] bare =
              rawLoops(
                  api,
                  n,
                  o,
                  jvmFlags(o, flags),
                  false,
                  dir.resolve("raw.log"),
                  out,
                  cycles(RawPatchLoop.marking("raw-team"), o.ownerCycles()));
          rawPass = bare[0];
          rawWarmSeconds = bare[bare.length - 1].seconds();
          // Another team, so that every patch changes the object and the watch sees it.
          rawWatchedSeconds =
              rawLoops(
                  api,
                  n,
                  o,
                  jvmFlags(o, flags),
                  true,
                  dir.resolve("raw-watched.log"),
                  out,
                  RawPatchLoop.marking("raw-watched-team"))[0]
                  .seconds();
        }
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
          first.ownedSeconds(),
          first.patches(),
          first.operatorCpu(),
          first.serverCpu(),
          releasedSeconds,
          coldRawSeconds,
          rawPass,
          rawWarmSeconds,
          rawWatchedSeconds,
          restartReadySeconds,
          restartPatches,
          null);
    }
  }

  /**
   * Runs the raw PATCH loop once per body in a fresh JVM with the operator's flags (so it meets the
   * JIT as cold as the operator's first writes do); returns each run's seconds.
   */
  private static RawPatchLoop.Pass[] rawLoops(
      FakeApiProcess api,
      int n,
      Options o,
      List<String> jvm,
      boolean watched,
      Path log,
      PrintStream out,
      String... bodies)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                String.valueOf(api.port()),
                NAMESPACE,
                String.valueOf(n),
                String.valueOf(o.writeConcurrency()),
                watched ? "watched" : "bare"));
    args.addAll(List.of(bodies));
    String output;
    List<String> flags = new ArrayList<>(jvm);
    flags.add("-D" + RawPatchLoop.SERVER_PID + "=" + api.process().pid());
    try (JavaProcess loop =
        JavaProcess.start(
            flags,
            List.of("-cp", JavaProcess.ownClasspath(), RawPatchLoop.class.getName()),
            args,
            Map.of(),
            log)) {
      int exit = loop.waitFor(o.phaseTimeout());
      output = loop.output();
      if (exit != 0) {
        throw new IllegalStateException(
            "the raw PATCH loop "
                + (exit < 0 ? "timed out" : "exited " + exit)
                + ": "
                + tail(output));
      }
    }
    Matcher m = RAW_LOOP.matcher(output);
    RawPatchLoop.Pass[] passes = new RawPatchLoop.Pass[bodies.length];
    for (int i = 0; i < bodies.length; i++) {
      if (!m.find())
        throw new IllegalStateException("the raw PATCH loop printed no result: " + tail(output));
      passes[i] =
          new RawPatchLoop.Pass(
              Double.parseDouble(m.group(1)),
              Double.parseDouble(m.group(4)),
              Double.parseDouble(m.group(5)),
              Double.parseDouble(m.group(6)));
      long failures = Long.parseLong(m.group(2));
      long retries = Long.parseLong(m.group(3));
      if (failures + retries > 0) {
        out.printf(
            "  raw PATCH loop%s: %d retried, %d failed of %d%n",
            watched ? " (watched)" : "", retries, failures, n);
      }
    }
    return passes;
  }

  private static final Pattern RAW_LOOP =
      Pattern.compile(
          "RAW-LOOP seconds=([0-9.]+) patches=\\d+ failures=(\\d+) retries=(\\d+)"
              + " cpu=(\\S+) jit=(\\S+) serverCpu=(\\S+)");

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

  /**
   * One owner cycle: the seconds until all N carry an owner, the CPU the operator and the server
   * used and the PATCHes sent meanwhile, and the seconds until all N are unowned again.
   */
  private record Cycle(
      double ownedSeconds,
      ProcessCpu operatorCpu,
      ProcessCpu serverCpu,
      long patches,
      double releasedSeconds) {
    static final Cycle NONE =
        new Cycle(Double.NaN, ProcessCpu.UNKNOWN, ProcessCpu.UNKNOWN, -1, Double.NaN);
  }

  /**
   * Creates ServiceOwnership {@code name} selecting everything, waits until all N are owned, then
   * deletes it and waits until all N are unowned again (as the server seeded them); null when
   * either does not happen within the phase timeout.
   */
  private static Cycle ownAndRelease(
      FakeApiProcess api, JavaProcess operator, String name, int n, Options o) throws Exception {
    api.resetStats();
    ProcessCpu operatorBefore = ProcessCpu.of(operator.pid());
    ProcessCpu serverBefore = ProcessCpu.of(api.process().pid());
    long created = System.nanoTime();
    api.create(serviceOwnershipPath(), serviceOwnership(name, "bench-team"));
    if (!await(() -> api.deploymentsWithStatus("owned") >= n, o.phaseTimeout(), operator))
      return null;
    double owned = (System.nanoTime() - created) / 1e9;
    ProcessCpu operatorCpu = ProcessCpu.of(operator.pid()).since(operatorBefore);
    ProcessCpu serverCpu = ProcessCpu.of(api.process().pid()).since(serverBefore);
    long patches = api.requests("PATCH", "deployments.apps");
    long deleted = System.nanoTime();
    api.delete(serviceOwnershipPath() + "/" + name);
    if (!await(() -> api.deploymentsWithStatus("unowned") >= n, o.phaseTimeout(), operator))
      return null;
    return new Cycle(owned, operatorCpu, serverCpu, patches, (System.nanoTime() - deleted) / 1e9);
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

  /** The raw loop's bodies for {@code cycles} owner cycles: mark, unmark, mark, unmark ... */
  private static String[] cycles(String marking, int cycles) {
    String[] bodies = new String[2 * cycles];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = i % 2 == 0 ? marking : RawPatchLoop.unmarking();
    }
    return bodies;
  }

  private static String serviceOwnershipPath() {
    return "/apis/"
        + OperatorJar.SERVICE_OWNERSHIP_API
        + "/namespaces/"
        + NAMESPACE
        + "/"
        + OperatorJar.SERVICE_OWNERSHIPS;
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
        ProcessCpu.UNKNOWN,
        ProcessCpu.UNKNOWN,
        Double.NaN,
        Double.NaN,
        RawPatchLoop.Pass.NONE,
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
            + " peakRss=%.0fMiB owned=%.1fs ownedPatches=%d released=%.1fs coldServerRaw=%.1fs"
            + " rawPatchLoop=%.1fs ratio=%.2f rawWarm=%.1fs ratioWarm=%.2f"
            + " rawWatched=%.1fs ratioWatched=%.2f restartReady=%.1fs restartPatches=%d"
            + " ownedCpu=%.1fs ownedJit=%.1fs ownedServerCpu=%.1fs rawCpu=%.1fs rawJit=%.1fs"
            + " rawServerCpu=%.1fs",
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
        r.releasedSeconds(),
        r.coldRawSeconds(),
        r.rawSeconds(),
        r.ownedSeconds() / r.rawSeconds(),
        r.rawWarmSeconds(),
        r.releasedSeconds() / r.rawWarmSeconds(),
        r.rawWatchedSeconds(),
        r.ownedSeconds() / r.rawWatchedSeconds(),
        r.restartReadySeconds(),
        r.restartPatches(),
        r.ownedCpu().seconds(),
        r.ownedCpu().jitSeconds(),
        r.ownedServerCpu().seconds(),
        r.rawPass().cpuSeconds(),
        r.rawPass().jitSeconds(),
        r.rawPass().serverCpuSeconds());
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
        line(out, "  raw PATCH loop, cold server (s)", g, Run::coldRawSeconds, 1);
        line(out, "  raw PATCH loop, fresh JVM (s)", g, Run::rawSeconds, 1);
        ratio(out, "  owned / raw (ratio)", g, Run::ownedSeconds, Run::rawSeconds);
        // CPU seconds over the same two phases: who used the two cores while the N writes went on.
        line(out, "  operator CPU while owning (s)", g, r -> r.ownedCpu().seconds(), 1);
        line(out, "    of it JIT compiler threads (s)", g, r -> r.ownedCpu().jitSeconds(), 1);
        line(out, "  API server CPU meanwhile (s)", g, r -> r.ownedServerCpu().seconds(), 1);
        line(out, "  raw loop CPU, fresh JVM (s)", g, r -> r.rawPass().cpuSeconds(), 1);
        line(out, "    of it JIT compiler threads (s)", g, r -> r.rawPass().jitSeconds(), 1);
        line(out, "  API server CPU meanwhile (s)", g, r -> r.rawPass().serverCpuSeconds(), 1);
        line(out, "  all unowned after delete (s)", g, Run::releasedSeconds, 1);
        line(out, "  raw PATCH loop, its last pass (s)", g, Run::rawWarmSeconds, 1);
        ratio(
            out, "  unowned / raw last pass (ratio)", g, Run::releasedSeconds, Run::rawWarmSeconds);
        line(out, "  raw PATCH loop, watched (s)", g, Run::rawWatchedSeconds, 1);
        ratio(out, "  owned / raw watched (ratio)", g, Run::ownedSeconds, Run::rawWatchedSeconds);
      }
      line(out, "  restart ready (s)", g, Run::restartReadySeconds, 1);
      out.printf(
          "  PATCHes at start / at restart: %s / %s%n",
          g.stream().map(r -> String.valueOf(r.startPatches())).toList(),
          g.stream().map(r -> String.valueOf(r.restartPatches())).toList());
    }
    for (Run r : runs) if (r.failure() != null) out.println(describe(r));
  }

  private static void ratio(
      PrintStream out,
      String label,
      List<Run> g,
      Function<Run, Double> numerator,
      Function<Run, Double> denominator) {
    line(out, label, g, r -> numerator.apply(r) / denominator.apply(r), 2);
  }

  private static void line(
      PrintStream out, String label, List<Run> g, Function<Run, Double> f, int decimals) {
    out.printf("%-36s %s%n", label, Summary.of(g.stream().map(f).toList()).format(decimals));
  }
}
