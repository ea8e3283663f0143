package dev.ownership.bench.webhook;

import dev.ownership.bench.fakeapi.FakeApiProcess;
import dev.ownership.bench.fixtures.AdmissionReviews;
import dev.ownership.bench.process.JavaProcess;
import dev.ownership.bench.process.OperatorJar;
import dev.ownership.bench.process.ProcessCpu;
import dev.ownership.bench.process.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The webhook load harness: the real jar's webhook ({@code run} with a generated certificate,
 * against the fake API server seeded with the fixtures' namespaces) against {@link NoopResponder},
 * each in its own JVM with the same flags, driven by the same client, in alternating runs (A B A B
 * ...): throughput at saturation (wrk, or the Java closed-loop client) and latency at a fixed rate
 * (the Java open-loop client). The review is the 11 KB owned UPDATE of the JMH benchmark unless
 * {@code --review} says otherwise.
 *
 * <p>A third server, C, is the no-op responder answering with the operator's admission handler
 * in-process; it runs at saturation after A and B in every round. Each saturation run also reads
 * the server process's CPU time before and after, so every server's CPU per answered request is
 * known, not only its throughput (which the load generator's share of the two cores also sets).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ownership.bench.webhook.WebhookLoad \
 *     [--rounds 3] [--seconds 10] [--rate 500] [--connections 16] [--client wrk|java] \
 *     [--review UPDATE_OWNED] [--jvm-flags "-Xmx512m ..."] [--work-dir DIR]
 * </pre>
 *
 * <p>Every server's JVM gets {@code --jvm-flags}, by default {@link
 * OperatorJar#CONTAINER_JVM_FLAGS} (the shipped container's heap sizing and collector); {@code
 * --jvm-flags ""} passes none.
 */
public final class WebhookLoad {
  record Options(
      int rounds,
      int seconds,
      int rate,
      int connections,
      String client,
      AdmissionReviews.Case review,
      List<String> jvmFlags,
      Path workDir) {}

  /**
   * One round: A is the operator, B the no-op responder, C the no-op responder running the
   * operator's handler. {@code cpuA} etc. are the server's CPU microseconds per answered request at
   * saturation (all its threads, the JIT's included).
   */
  record Round(
      double throughputA,
      double throughputB,
      double throughputC,
      double cpuA,
      double cpuB,
      double cpuC,
      long p50A,
      long p99A,
      long p999A,
      long maxA,
      long p50B,
      long p99B,
      long p999B,
      long maxB,
      int failuresA,
      int failuresB) {
    double ratio() {
      return throughputA / throughputB;
    }

    /** The operator against the same handler without the rest of the operator around it. */
    double ratioToHandler() {
      return throughputA / throughputC;
    }

    /** The handler alone against nothing. */
    double handlerRatio() {
      return throughputC / throughputB;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    List<Round> rounds = run(o, System.out);
    print(rounds, o, System.out);
  }

  static Options parse(String[] args) throws IOException {
    int rounds = 3;
    int seconds = 10;
    int rate = 500;
    int connections = 16;
    String client = Wrk.installed() ? "wrk" : "java";
    AdmissionReviews.Case review = AdmissionReviews.Case.UPDATE_OWNED;
    // The servers run as the shipped container runs the operator: the same heap sizing and
    // collector (under the default G1 of this large machine, young pauses set the p99 at 500/s).
    List<String> flags = OperatorJar.CONTAINER_JVM_FLAGS;
    Path work = null;
    for (int i = 0; i < args.length; i += 2) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(v);
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--rate" -> rate = Integer.parseInt(v);
        case "--connections" -> connections = Integer.parseInt(v);
        case "--client" -> client = v;
        case "--review" -> review = AdmissionReviews.Case.valueOf(v);
        case "--jvm-flags" -> flags = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
        case "--work-dir" -> work = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!client.equals("wrk") && !client.equals("java"))
      throw new IllegalArgumentException("--client: wrk or java, not " + client);
    if (work == null) work = Files.createTempDirectory("webhook-load");
    Files.createDirectories(work);
    return new Options(rounds, seconds, rate, connections, client, review, flags, work);
  }

  static List<Round> run(Options o, PrintStream out) throws Exception {
    Path dir = o.workDir();
    ServingCertificate cert = ServingCertificate.write(dir);
    byte[] body = AdmissionReviews.review(o.review());
    Path bodyFile = Files.write(dir.resolve("review.json"), body);
    out.printf(
        Locale.ROOT,
        "# review %s, %d bytes; client %s; logs in %s%n",
        o.review(),
        body.length,
        o.client(),
        dir);
    try (FakeApiProcess api =
            FakeApiProcess.start(
                "512m",
                List.of(
                    "--namespace",
                    AdmissionReviews.ENFORCED_NAMESPACE
                        + ","
                        + AdmissionReviews.ENFORCEMENT_LABEL
                        + "=enforce",
                    "--namespace",
                    AdmissionReviews.WARNED_NAMESPACE),
                dir);
        JavaProcess operator = startOperator(o, api, cert, dir);
        JavaProcess noop = startNoop(o, cert, dir, "noop", false);
        JavaProcess handler = startNoop(o, cert, dir, "handler", true);
        OpenLoopClient java = new OpenLoopClient(o.connections())) {
      int a = port(dir.resolve("operator.webhook-port"));
      int b = port(dir.resolve("noop.port"));
      int c = port(dir.resolve("handler.port"));
      check(java, a, body, o.review());
      check(java, b, body, o.review());
      check(java, c, body, o.review());
      Path script = o.client().equals("wrk") ? Wrk.script(dir, bodyFile) : null;
      // Warm the servers' JITs, and the Java client's connections, before anything counts.
      for (int port : new int[] {a, b, c}) {
        saturate(o, java, script, port, body, Math.max(2, o.seconds() / 2));
        java.saturate(port, body, o.connections(), 2);
      }
      List<Round> rounds = new ArrayList<>();
      for (int r = 0; r < o.rounds(); r++) {
        Saturation ra = saturate(o, java, script, a, operator, body);
        Saturation rb = saturate(o, java, script, b, noop, body);
        Saturation rc = saturate(o, java, script, c, handler, body);
        OpenLoopClient.Result la = java.fixedRate(a, body, o.rate(), o.seconds());
        OpenLoopClient.Result lb = java.fixedRate(b, body, o.rate(), o.seconds());
        Round round =
            new Round(
                ra.throughput(),
                rb.throughput(),
                rc.throughput(),
                ra.cpuMicrosPerRequest(),
                rb.cpuMicrosPerRequest(),
                rc.cpuMicrosPerRequest(),
                la.latencyMicros().at(50),
                la.latencyMicros().at(99),
                la.latencyMicros().at(99.9),
                la.latencyMicros().max(),
                lb.latencyMicros().at(50),
                lb.latencyMicros().at(99),
                lb.latencyMicros().at(99.9),
                lb.latencyMicros().max(),
                la.failed(),
                lb.failed());
        rounds.add(round);
        out.printf(
            Locale.ROOT,
            "round %d: saturation operator %.0f/s, no-op %.0f/s, ratio %.2f; no-op with the"
                + " handler %.0f/s (operator ÷ it %.2f); CPU per request operator %.1f µs, no-op"
                + " %.1f µs, with the handler %.1f µs; at %d/s p50/p99/p99.9/max operator %s,"
                + " no-op %s (µs); failures %d / %d%n",
            r + 1,
            round.throughputA(),
            round.throughputB(),
            round.ratio(),
            round.throughputC(),
            round.ratioToHandler(),
            round.cpuA(),
            round.cpuB(),
            round.cpuC(),
            o.rate(),
            micros(round.p50A(), round.p99A(), round.p999A(), round.maxA()),
            micros(round.p50B(), round.p99B(), round.p999B(), round.maxB()),
            round.failuresA(),
            round.failuresB());
        if (la.firstError() != null || lb.firstError() != null) {
          out.printf("  first failure: operator %s; no-op %s%n", la.firstError(), lb.firstError());
        }
      }
      return rounds;
    }
  }

  private static String micros(long... values) {
    StringBuilder s = new StringBuilder();
    for (long v : values) s.append(s.length() == 0 ? "" : "/").append(v);
    return s.toString();
  }

  /** One measured saturation run: requests per second, and the server's CPU per request. */
  private record Saturation(double throughput, double cpuMicrosPerRequest) {}

  /** One measured saturation run against {@code server}. */
  private static Saturation saturate(
      Options o, OpenLoopClient java, Path script, int port, JavaProcess server, byte[] body)
      throws Exception {
    ProcessCpu before = ProcessCpu.of(server.pid());
    long started = System.nanoTime();
    double throughput = saturate(o, java, script, port, body, o.seconds());
    double elapsed = (System.nanoTime() - started) / 1e9;
    ProcessCpu used = ProcessCpu.of(server.pid()).since(before);
    double cpuPerRequest = used.seconds() * 1e6 / (throughput * elapsed);
    return new Saturation(throughput, cpuPerRequest);
  }

  private static double saturate(
      Options o, OpenLoopClient java, Path script, int port, byte[] body, int seconds)
      throws Exception {
    if (script != null) {
      Wrk.Result r = Wrk.run(port, script, 2, o.connections(), seconds);
      if (r.non2xx() > 0 || !r.socketErrors().isEmpty())
        throw new IOException("wrk saw errors against port " + port + ":\n" + r.output());
      return r.requestsPerSecond();
    }
    OpenLoopClient.Result r = java.saturate(port, body, o.connections(), seconds);
    if (r.failed() > 0) throw new IOException(r.failed() + " requests failed against port " + port);
    return r.throughput();
  }

  /** The review must be answered 200 with a decision (not a 400): otherwise nothing is measured. */
  private static void check(
      OpenLoopClient java, int port, byte[] body, AdmissionReviews.Case review) throws Exception {
    // A cold JVM on a busy machine may need a while for its first TLS handshakes.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    OpenLoopClient.Result r;
    do {
      r = java.fixedRate(port, body, 10, 0.5);
    } while (r.ok() != r.sent() && System.nanoTime() < deadline);
    if (r.ok() != r.sent()) {
      throw new IOException(
          "port " + port + " did not answer the " + review + " review with 200: " + r.firstError());
    }
  }

  private static JavaProcess startOperator(
      Options o, FakeApiProcess api, ServingCertificate cert, Path dir) throws Exception {
    Path kubeconfig = OperatorJar.writeKubeconfig(dir.resolve("kubeconfig"), api.port());
    int metrics = freePort();
    int webhook = freePort();
    JavaProcess p =
        OperatorJar.start(
            kubeconfig,
            o.jvmFlags(),
            OperatorJar.runArguments(metrics, 4, 50, cert.certificate(), cert.key(), webhook),
            dir.resolve("operator.log"));
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!OperatorJar.ready(metrics)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.close();
        throw new IOException("the operator did not become ready:\n" + p.output());
      }
      Thread.sleep(100);
    }
    Files.writeString(dir.resolve("operator.webhook-port"), String.valueOf(webhook));
    return p;
  }

  /** The no-op responder as {@code name}; with {@code withHandler} it answers with the handler. */
  private static JavaProcess startNoop(
      Options o, ServingCertificate cert, Path dir, String name, boolean withHandler)
      throws Exception {
    Path portFile = dir.resolve(name + ".port");
    Files.deleteIfExists(portFile);
    List<String> args =
        new ArrayList<>(
            List.of(cert.certificate().toString(), cert.key().toString(), portFile.toString()));
    if (withHandler) args.add("handler");
    JavaProcess p =
        JavaProcess.start(
            o.jvmFlags(),
            List.of("-cp", JavaProcess.ownClasspath(), NoopResponder.class.getName()),
            args,
            Map.of(),
            dir.resolve(name + ".log"));
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!Files.exists(portFile)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.close();
        throw new IOException("the no-op responder did not start:\n" + p.output());
      }
      Thread.sleep(50);
    }
    return p;
  }

  private static int port(Path file) throws IOException {
    return Integer.parseInt(Files.readString(file).trim());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void print(List<Round> rounds, Options o, PrintStream out) {
    out.println();
    out.printf(
        Locale.ROOT, "Summary over %d alternating rounds (min / median / max):%n", rounds.size());
    row(out, "throughput operator (req/s)", rounds.stream().map(Round::throughputA).toList(), 0);
    row(out, "throughput no-op (req/s)", rounds.stream().map(Round::throughputB).toList(), 0);
    row(out, "ratio operator / no-op", rounds.stream().map(Round::ratio).toList(), 2);
    row(
        out,
        "throughput no-op + handler (req/s)",
        rounds.stream().map(Round::throughputC).toList(),
        0);
    row(
        out,
        "ratio operator / no-op + handler",
        rounds.stream().map(Round::ratioToHandler).toList(),
        2);
    row(out, "ratio no-op + handler / no-op", rounds.stream().map(Round::handlerRatio).toList(), 2);
    row(out, "CPU per request, operator (µs)", rounds.stream().map(Round::cpuA).toList(), 1);
    row(out, "CPU per request, no-op (µs)", rounds.stream().map(Round::cpuB).toList(), 1);
    row(out, "CPU per request, + handler (µs)", rounds.stream().map(Round::cpuC).toList(), 1);
    row(out, "operator p50 at " + o.rate() + "/s (ms)", ms(rounds, Round::p50A), 2);
    row(out, "operator p99 at " + o.rate() + "/s (ms)", ms(rounds, Round::p99A), 2);
    row(out, "operator p99.9 at " + o.rate() + "/s (ms)", ms(rounds, Round::p999A), 2);
    row(out, "operator max at " + o.rate() + "/s (ms)", ms(rounds, Round::maxA), 2);
    row(out, "no-op p50 at " + o.rate() + "/s (ms)", ms(rounds, Round::p50B), 2);
    row(out, "no-op p99 at " + o.rate() + "/s (ms)", ms(rounds, Round::p99B), 2);
    row(out, "no-op p99.9 at " + o.rate() + "/s (ms)", ms(rounds, Round::p999B), 2);
    row(out, "no-op max at " + o.rate() + "/s (ms)", ms(rounds, Round::maxB), 2);
  }

  private static List<Double> ms(List<Round> rounds, java.util.function.ToLongFunction<Round> f) {
    return rounds.stream().map(r -> f.applyAsLong(r) / 1000.0).toList();
  }

  private static void row(PrintStream out, String label, List<Double> values, int decimals) {
    out.printf("%-34s %s%n", label, Summary.of(values).format(decimals));
  }
}
