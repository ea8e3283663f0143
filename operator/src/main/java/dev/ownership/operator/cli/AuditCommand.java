package dev.ownership.operator.cli;

import dev.ownership.operator.audit.AuditProblem;
import dev.ownership.operator.audit.AuditReport;
import dev.ownership.operator.audit.Auditor;
import dev.ownership.operator.audit.ClusterManifests;
import dev.ownership.operator.audit.DocumentOrigin;
import dev.ownership.operator.audit.FailOn;
import dev.ownership.operator.audit.JunitReport;
import dev.ownership.operator.audit.ManifestInventory;
import dev.ownership.operator.audit.ManifestReader;
import dev.ownership.operator.audit.ReportWriter;
import dev.ownership.operator.audit.SarifReport;
import dev.ownership.operator.ownership.EnforcementRule;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.TeamRegistryMode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Checks manifests (or the live cluster) as the operator would: who owns each workload (the"
          + " same resolution code) and what the admission webhook would answer to its creation"
          + " (the same admission code).",
      "Namespace, ServiceOwnership and Team documents in the input take part; a namespace's mode"
          + " is its ownership.dev/enforcement label, else --default-enforcement. With Teams (or"
          + " the cluster's), every team value must name one of them (see --team-registry).",
      "Exit code 0: the gate passed; 1: some workload fails --fail-on (by default: the webhook"
          + " would refuse it); 2: no verdict (bad or no input, bad flag, unreadable cluster,"
          + " internal error)."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:no workload fails --fail-on",
      "1:some workload fails --fail-on (enforce: the webhook would deny it; warn: deny or"
          + " warn; unowned: deny, warn, or unowned or in conflict in any mode)",
      "2:no verdict: bad input, no Kubernetes objects (see --allow-empty), a bad flag, an"
          + " unreadable cluster, or an internal error"
    })
public final class AuditCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description =
          "Files, directories (searched recursively for *.yaml, *.yml, *.json) or - for stdin.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--cluster",
      description = "Audit the cluster of the current kubeconfig instead of files.")
  boolean cluster;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      paramLabel = "FORMAT",
      description =
          "table, json, sarif (GitHub code scanning) or junit. Default: ${DEFAULT-VALUE}.")
  String output;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      paramLabel = "NS",
      description = "Namespace of documents that name none. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @CommandLine.Mixin OwnerLabelKeysOption ownerLabelKeys = new OwnerLabelKeysOption();

  @CommandLine.Mixin EnforcementOptions enforcement = new EnforcementOptions();

  @CommandLine.Mixin TeamRegistryOption teamRegistry = new TeamRegistryOption();

  @Option(
      names = "--fail-on",
      defaultValue = "enforce",
      paramLabel = "LEVEL",
      description =
          "Which workloads make the audit exit 1, each level including the one before: enforce"
              + " (the webhook would deny it), warn (deny or warn), unowned (deny, warn, or"
              + " unowned or in conflict, whatever the mode). Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(
      names = "--allow-empty",
      description = "Exit 0 rather than 2 when the input holds no Kubernetes object.")
  boolean allowEmpty;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only findings and errors: no notes, no summary, no rows without a finding.")
  boolean quiet;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Leave out files and directories under a directory argument whose relative path or name"
              + " matches (repeatable), e.g. --exclude 'charts/**' --exclude '*-values.yaml'.")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--kustomize",
      description =
          "Render each directory with a kustomization file with kubectl kustomize (kubectl from"
              + " the PATH) and audit what it renders instead of its files.")
  boolean kustomize;

  @Option(
      names = "--page-size",
      defaultValue = "500",
      paramLabel = "N",
      description = "With --cluster: objects per list request. Default: ${DEFAULT-VALUE}.")
  long pageSize;

  private final InputStream stdin;

  public AuditCommand() {
    this(System.in);
  }

  AuditCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return audit();
    } catch (CommandLine.ParameterException e) {
      throw e;
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      // One exit code per meaning: an internal failure is "no verdict" (2), never "unowned" (1).
      return Verbosity.internalError(e, err, Verbosity.requested(spec.commandLine()));
    }
  }

  private int audit() {
    String format = output.trim().toLowerCase(Locale.ROOT);
    if (!List.of("table", "json", "sarif", "junit").contains(format))
      throw usage("--output: '" + output + "' is not one of table, json, sarif, junit");
    FailOn gate =
        FailOn.parse(failOn)
            .orElseThrow(
                () -> usage("--fail-on: '" + failOn + "' is not one of enforce, warn, unowned"));
    OwnerLabelKeys keys = ownerLabelKeys.keys(spec.commandLine());
    EnforcementRule rule =
        new EnforcementRule(enforcement.defaultMode(spec.commandLine()), enforcement.exempt());
    TeamRegistryMode teamMode = teamRegistry.mode(spec.commandLine());
    if (cluster && !paths.isEmpty())
      throw usage("give either PATH arguments or --cluster, not both");
    if (!cluster && paths.isEmpty())
      throw usage("nothing to audit: give files, directories, - for stdin, or --cluster");
    if (pageSize < 1) throw usage("--page-size must be at least 1");
    if (namespace.isBlank()) throw usage("--namespace must not be empty");
    if (cluster && (kustomize || !excludes.isEmpty()))
      throw usage("--kustomize and --exclude apply to PATH arguments, not to --cluster");

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ManifestReader.Result input;
    if (cluster) {
      try (KubernetesClient client = new KubernetesClientBuilder().build()) {
        input = ClusterManifests.read(client, pageSize);
      } catch (KubernetesClientException e) {
        err.println("error: cannot read the cluster: " + e.getMessage());
        err.flush();
        return AuditReport.BAD_INPUT;
      }
    } else {
      input = ManifestReader.read(paths, stdin, new ManifestReader.Options(excludes, kustomize));
    }
    List<AuditProblem> problems = new ArrayList<>(input.problems());
    if (input.documents().isEmpty() && input.problems().isEmpty() && !allowEmpty) {
      // Fail closed: an empty pipe (the command before it failed) must not pass the gate.
      problems.add(
          new AuditProblem(
              DocumentOrigin.wholeSource(
                  cluster
                      ? ClusterManifests.SOURCE
                      : String.join(" ", paths.stream().map(ManifestReader::sourceName).toList())),
              "holds no Kubernetes object (did the command before the pipe fail?); pass"
                  + " --allow-empty if an empty input is expected"));
    }
    ManifestInventory inventory =
        ManifestInventory.of(input.documents(), namespace.trim(), !cluster, teamMode);
    AuditReport report =
        new Auditor(new OwnerResolver(keys), rule, gate)
            .audit(inventory, problems, input.notices());
    switch (format) {
      case "json" -> ReportWriter.json(report, out);
      case "sarif" -> SarifReport.write(report, VersionInfo.version(), out);
      case "junit" -> JunitReport.write(report, out);
      default -> ReportWriter.table(report, out, quiet);
    }
    ReportWriter.details(report, err, quiet);
    return report.exitCode();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
