package dev.ownership.operator.cli;

import dev.ownership.operator.concurrency.DaemonThreads;
import dev.ownership.operator.demo.OwnershipDemo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Runs the whole operator against an in-process Kubernetes API and prints what it did.",
      "The API is seeded with deploy/examples/; the controller, the webhook (with a generated"
          + " certificate) and the metrics run as `run` would run them. After the report it serves"
          + " metrics until interrupted (--once exits)."
    })
public final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--once", description = "Exit after printing the report.")
  boolean once;

  @Option(
      names = "--metrics-port",
      defaultValue = "8080",
      description =
          "Port for /metrics, /healthz, /readyz (0 picks a free one). Default: ${DEFAULT-VALUE};"
              + " with --once, a free one.")
  int metricsPort;

  @Option(
      names = "--webhook-port",
      defaultValue = "8443",
      description =
          "HTTPS port of the webhook (0 picks a free one). Default: ${DEFAULT-VALUE}; with --once,"
              + " a free one.")
  int webhookPort;

  @Option(
      names = "--catalog-port",
      defaultValue = "8081",
      description =
          "Port of the catalog (0 turns it off). Default: ${DEFAULT-VALUE}; with --once, a free"
              + " one.")
  int catalogPort;

  @Option(
      names = "--examples",
      paramLabel = "DIR",
      description =
          "Load the examples from this directory instead of the copy of deploy/examples/ in the"
              + " jar.")
  Path examples;

  @Option(
      names = "--timeout",
      defaultValue = "120s",
      paramLabel = "DURATION",
      description =
          "How long to wait for the examples to be reconciled. Default: ${DEFAULT-VALUE}.")
  String timeout;

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public Integer call() throws Exception {
    Duration wait =
        DurationText.parse(timeout)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--timeout: '" + timeout + "' is not a duration such as 60s or 2m"));
    if (examples != null && !Files.isRegularFile(examples.resolve("kustomization.yaml"))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--examples: " + examples + " has no kustomization.yaml listing the example files");
    }
    PrintWriter out = spec.commandLine().getOut();
    // A one-shot report needs no well-known ports, and must not fail because 8080 is taken.
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    int metrics = once && !parsed.hasMatchedOption("--metrics-port") ? 0 : metricsPort;
    int webhook = once && !parsed.hasMatchedOption("--webhook-port") ? 0 : webhookPort;
    // For the catalog 0 means off (as for run), so a one-shot demo asks the OS for a free port.
    int catalog = once && !parsed.hasMatchedOption("--catalog-port") ? freePort() : catalogPort;
    // Exactly what `run` builds from these flags, so the demo exercises the production defaults.
    OwnershipDemo demo =
        OwnershipDemo.start(
            examples,
            out,
            (cert, key) ->
                RunCommand.settingsFrom(
                    Map.of(),
                    "--metrics-port=" + metrics,
                    "--webhook-port=" + webhook,
                    "--catalog-port=" + catalog,
                    "--tls-cert-file=" + cert,
                    "--tls-key-file=" + key,
                    "--leader-election=false",
                    "--operator-namespace=" + OwnershipDemo.OPERATOR_NAMESPACE));
    try {
      demo.awaitReconciled(wait);
      demo.printReport(out);
      String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
      if (logFile != null && !logFile.equals("System.err") && !logFile.equals("System.out")) {
        out.println("Operator log: " + logFile);
      }
      if (once) return 0;
      out.println();
      demo.printTryIt(out);
      out.println("Serving until interrupted (Ctrl-C).");
      out.flush();
      CountDownLatch interrupted = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              DaemonThreads.named("demo-shutdown")
                  .newThread(
                      () -> {
                        demo.close();
                        interrupted.countDown();
                      }));
      interrupted.await();
      return 0;
    } finally {
      if (once) demo.close();
    }
  }
}
