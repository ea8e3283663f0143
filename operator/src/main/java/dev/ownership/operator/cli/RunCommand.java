package dev.ownership.operator.cli;

import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.admission.FailureMode;
import dev.ownership.operator.concurrency.DaemonThreads;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.TeamRegistryMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Runs the operator: controller, admission webhook, metrics and probes.",
      "Every flag can also be set as an environment variable OWNERSHIP_<FLAG_IN_UPPER_SNAKE_CASE>."
    })
public final class RunCommand implements Callable<Integer> {
  static final String SERVICE_ACCOUNT_NAMESPACE_FILE =
      "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--namespaces",
      split = ",",
      paramLabel = "NS",
      description = "Watch only these namespaces (comma-separated). Default: all namespaces.")
  List<String> namespaces = List.of();

  @CommandLine.Mixin OwnerLabelKeysOption ownerLabelKeys = new OwnerLabelKeysOption();

  @Option(
      names = "--metrics-port",
      defaultValue = "8080",
      description = "Port for /metrics, /healthz, /readyz. Default: ${DEFAULT-VALUE}.")
  int metricsPort;

  @Option(
      names = "--webhook-port",
      defaultValue = "8443",
      description = "HTTPS port of the admission webhook. Default: ${DEFAULT-VALUE}.")
  int webhookPort;

  @Option(
      names = "--bind-address",
      defaultValue = "0.0.0.0",
      paramLabel = "IP",
      description =
          "Address the metrics and webhook servers listen on (0.0.0.0: every interface; e.g. the"
              + " pod IP, or 127.0.0.1 outside a cluster). Default: ${DEFAULT-VALUE}.")
  String bindAddress;

  @Option(
      names = "--tls-cert-file",
      paramLabel = "PEM",
      description = "Webhook serving certificate (PEM); re-read when it changes.")
  Path tlsCertFile;

  @Option(
      names = "--tls-key-file",
      paramLabel = "PEM",
      description = "Webhook private key (PEM); re-read when it changes.")
  Path tlsKeyFile;

  @CommandLine.Mixin EnforcementOptions enforcement = new EnforcementOptions();

  @Option(
      names = "--failure-mode",
      defaultValue = "open",
      paramLabel = "MODE",
      description =
          "On an internal webhook error: open (allow with a warning) or closed (deny). Default:"
              + " ${DEFAULT-VALUE}.")
  String failureMode;

  @Option(
      names = "--operator-namespace",
      paramLabel = "NS",
      description =
          "The operator's own namespace (always exempt; holds the Lease and the webhook Secret). "
              + "Default: the pod's namespace in a cluster, else ownership-system.")
  String operatorNamespace;

  @Option(
      names = "--leader-election",
      arity = "0..1",
      paramLabel = "BOOL",
      description =
          "Hold a Lease before writing, so that only one replica writes. Default: on in a cluster,"
              + " off outside.")
  Boolean leaderElection;

  @Option(
      names = "--lease-name",
      defaultValue = "ownership-operator-leader",
      description = "Name of the leader-election Lease. Default: ${DEFAULT-VALUE}.")
  String leaseName;

  @Option(
      names = "--write-concurrency",
      defaultValue = "4",
      description = "Workload metadata patches in flight at once. Default: ${DEFAULT-VALUE}.")
  int writeConcurrency;

  @Option(
      names = "--write-rate",
      defaultValue = "50",
      paramLabel = "PER_SECOND",
      description = "Most workload metadata patches per second. Default: ${DEFAULT-VALUE}.")
  double writeRate;

  @Option(
      names = "--resync-period",
      defaultValue = "10m",
      paramLabel = "DURATION",
      description =
          "How often every workload is resolved again from the caches (e.g. 30s, 10m, 1h). Default:"
              + " ${DEFAULT-VALUE}.")
  String resyncPeriod;

  @Option(
      names = "--manage-webhook-certs",
      arity = "0..1",
      defaultValue = "false",
      paramLabel = "BOOL",
      description =
          "Create, store, inject and rotate the webhook's own CA and certificate. Default:"
              + " ${DEFAULT-VALUE}.")
  boolean manageWebhookCerts;

  @Option(
      names = "--webhook-secret-name",
      defaultValue = "ownership-webhook-tls",
      description = "Secret holding the managed certificate. Default: ${DEFAULT-VALUE}.")
  String webhookSecretName;

  @Option(
      names = "--webhook-service-name",
      defaultValue = "ownership-webhook",
      description =
          "Service in front of the webhook (certificate DNS names). Default: ${DEFAULT-VALUE}.")
  String webhookServiceName;

  @Option(
      names = "--webhook-configuration-name",
      defaultValue = "ownership-operator",
      description =
          "ValidatingWebhookConfiguration whose caBundle a managed certificate is injected into."
              + " Default: ${DEFAULT-VALUE}.")
  String webhookConfigurationName;

  @Option(
      names = "--catalog-port",
      defaultValue = "8081",
      description =
          "Port of the read-only service catalog (HTML and /api/v1/...); 0 turns it off. Default:"
              + " ${DEFAULT-VALUE}.")
  int catalogPort;

  @Option(
      names = "--team-registry",
      defaultValue = "warn",
      paramLabel = "MODE",
      description =
          "Whether team values must name a registered Team: off, warn (unknown teams still own and"
              + " are reported) or enforce (an unknown team owns nothing). Default:"
              + " ${DEFAULT-VALUE}.")
  String teamRegistry;

  @Option(
      names = "--team-review-period",
      defaultValue = "180d",
      paramLabel = "DURATION",
      description =
          "A Team whose spec.reviewedAt is older than this is due for review (e.g. 90d, 180d)."
              + " Default: ${DEFAULT-VALUE}.")
  String teamReviewPeriod;

  @Override
  public Integer call() throws Exception {
    OperatorSettings settings = settings();
    OwnershipOperator operator = OwnershipOperator.start(settings);
    // SIGTERM from the kubelet: stop writing, release the Lease for a quick handover, stop servers.
    Runtime.getRuntime()
        .addShutdownHook(DaemonThreads.named("shutdown").newThread(operator::close));
    operator.awaitTermination();
    return 0;
  }

  /**
   * The settings `run` would build from these arguments, with flags not given taken from {@code
   * environment}.
   */
  public static OperatorSettings settingsFrom(Map<String, String> environment, String... args) {
    RunCommand run = new RunCommand();
    CommandLine cli = new CommandLine(run);
    cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
    cli.parseArgs(args);
    return run.settings();
  }

  /** Checks every flag and builds the settings; a bad value is a usage error naming the flag. */
  public OperatorSettings settings() {
    OwnerLabelKeys keys = ownerLabelKeys.keys(spec.commandLine());
    EnforcementMode defaultMode = enforcement.defaultMode(spec.commandLine());
    FailureMode failure =
        switch (failureMode.trim().toLowerCase(java.util.Locale.ROOT)) {
          case "open" -> FailureMode.OPEN;
          case "closed" -> FailureMode.CLOSED;
          default ->
              throw usage("--failure-mode: '" + failureMode + "' is not one of open, closed");
        };
    checkPort("--metrics-port", metricsPort);
    checkPort("--webhook-port", webhookPort);
    checkPort("--catalog-port", catalogPort);
    if (!isIpAddress(bindAddress.trim())) {
      throw usage(
          "--bind-address: '" + bindAddress + "' is not an IP address (e.g. 0.0.0.0 or 10.0.0.7)");
    }
    if ((tlsCertFile == null) != (tlsKeyFile == null)) {
      throw usage("--tls-cert-file and --tls-key-file go together: give both or neither");
    }
    if (writeConcurrency < 1) throw usage("--write-concurrency must be at least 1");
    if (!(writeRate > 0)) throw usage("--write-rate must be above 0");
    Duration resync =
        DurationText.parse(resyncPeriod)
            .orElseThrow(
                () ->
                    usage(
                        "--resync-period: '"
                            + resyncPeriod
                            + "' is not a duration such as 30s, 10m or 1h"));
    boolean inCluster =
        System.getenv("KUBERNETES_SERVICE_HOST") != null
            && Files.exists(Path.of(SERVICE_ACCOUNT_NAMESPACE_FILE));
    String ownNamespace = operatorNamespace != null ? operatorNamespace : detectNamespace();
    if (manageWebhookCerts && tlsCertFile == null) {
      throw usage(
          "--manage-webhook-certs writes the certificate to --tls-cert-file and --tls-key-file:"
              + " give both");
    }
    return new OperatorSettings(
        Set.copyOf(
            new LinkedHashSet<>(
                namespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).toList())),
        keys,
        metricsPort,
        webhookPort,
        bindAddress.trim(),
        tlsCertFile,
        tlsKeyFile,
        defaultMode,
        enforcement.exempt(),
        failure,
        ownNamespace,
        leaderElection != null ? leaderElection : inCluster,
        leaseName,
        writeConcurrency,
        writeRate,
        resync,
        manageWebhookCerts,
        webhookSecretName,
        webhookServiceName,
        webhookConfigurationName,
        catalogPort,
        TeamRegistryMode.parse(teamRegistry)
            .orElseThrow(
                () ->
                    usage(
                        "--team-registry: '"
                            + teamRegistry
                            + "' is not one of off, warn, enforce")),
        DurationText.parse(teamReviewPeriod)
            .orElseThrow(
                () ->
                    usage(
                        "--team-review-period: '"
                            + teamReviewPeriod
                            + "' is not a duration such as 90d or 180d")));
  }

  private static String detectNamespace() {
    try {
      Path file = Path.of(SERVICE_ACCOUNT_NAMESPACE_FILE);
      if (Files.exists(file)) return Files.readString(file).trim();
    } catch (java.io.IOException ignored) {
      // fall through to the default
    }
    String fromEnv = System.getenv("POD_NAMESPACE");
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "ownership-system";
  }

  /** A literal IPv4 or IPv6 address (no name lookup: a name could mean several interfaces). */
  static boolean isIpAddress(String text) {
    if (text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) return false;
    try {
      java.net.InetAddress.getByName(text);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private void checkPort(String flag, int port) {
    if (port < 0 || port > 65535)
      throw usage(flag + ": " + port + " is not a port (0-65535; 0 picks a free one)");
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
