package dev.ownership.operator.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * Where log lines go, decided before anything logs (the logger reads these properties once). {@code
 * run} is a service: it logs at INFO to stderr, where the container runtime collects it. The
 * commands people read — {@code demo}, {@code audit}, {@code who}, {@code suggest} — print their
 * own report: their libraries' INFO lines would bury it, so only warnings reach stderr, and {@code
 * demo} writes its full log to a file it names. {@code --verbose} shows everything.
 */
final class Logging {
  static final String DEMO_LOG = "ownership-operator-demo.log";
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private Logging() {}

  static void configure(String... args) {
    // Vert.x logs through java.util.logging unless told otherwise: one logger for everything.
    if (System.getProperty("vertx.logger-delegate-factory-class-name") == null) {
      System.setProperty("vertx.logger-delegate-factory-class-name", VertxLogging.class.getName());
    }
    List<String> list = List.of(args);
    boolean verbose = list.contains("--verbose");
    String command = list.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
    if (verbose) {
      setIfAbsent("defaultLogLevel", "debug");
      setIfAbsent("log.io.fabric8", "info");
      setIfAbsent("log.io.javaoperatorsdk", "info");
      setIfAbsent("log.io.vertx", "info");
      setIfAbsent("log.io.netty", "info");
      return;
    }
    switch (command) {
      case "run" -> {
        setIfAbsent("defaultLogLevel", "info");
        // It logs a failure it will retry as a WARN with its stack trace; the operator logs one
        // line with the reason instead (LoggedReconciliationFailures). Its ERRORs stay.
        setIfAbsent("log.io.javaoperatorsdk.operator.processing.event.EventProcessor", "error");
      }
      case "demo" -> {
        setIfAbsent("defaultLogLevel", "info");
        setIfAbsent("logFile", demoLog().toString());
      }
      case "who" -> {
        setIfAbsent("defaultLogLevel", "warn");
        // A card on a terminal is no place for the note that v1alpha1 is not a stable version.
        setIfAbsent("log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils", "error");
      }
      default -> setIfAbsent("defaultLogLevel", "warn");
    }
  }

  /** The demo's log file, in the temporary directory. */
  static Path demoLog() {
    return Path.of(System.getProperty("java.io.tmpdir"), DEMO_LOG);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(PREFIX + key) == null) System.setProperty(PREFIX + key, value);
  }
}
