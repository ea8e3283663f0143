package dev.ownership.operator.cli;

import dev.ownership.operator.audit.AuditReport;
import dev.ownership.operator.audit.Auditor;
import dev.ownership.operator.audit.ClusterManifests;
import dev.ownership.operator.audit.ManifestInventory;
import dev.ownership.operator.audit.ManifestReader;
import dev.ownership.operator.audit.ReportWriter;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
      "Checks manifests (or the live cluster) for workloads without an owner, resolving owners"
          + " exactly as the operator does.",
      "Namespace and ServiceOwnership documents in the input take part in resolution.",
      "Exit code 0: every workload owned; 1: some unowned or in conflict; 2: bad input or error."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every workload is owned",
      "1:some workloads are unowned or in conflict",
      "2:bad input or an error"
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
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  String output;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      paramLabel = "NS",
      description = "Namespace of documents that name none. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @CommandLine.Mixin OwnerLabelKeysOption ownerLabelKeys = new OwnerLabelKeysOption();

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
    boolean json =
        switch (output.trim()) {
          case "table" -> false;
          case "json" -> true;
          default -> throw usage("--output: '" + output + "' is not one of table, json");
        };
    OwnerLabelKeys keys = ownerLabelKeys.keys(spec.commandLine());
    if (cluster && !paths.isEmpty())
      throw usage("give either PATH arguments or --cluster, not both");
    if (!cluster && paths.isEmpty())
      throw usage("nothing to audit: give files, directories, - for stdin, or --cluster");
    if (pageSize < 1) throw usage("--page-size must be at least 1");
    if (namespace.isBlank()) throw usage("--namespace must not be empty");

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
      input = ManifestReader.read(paths, stdin);
    }
    ManifestInventory inventory =
        ManifestInventory.of(input.documents(), namespace.trim(), !cluster);
    AuditReport report =
        new Auditor(new OwnerResolver(keys)).audit(inventory, input.problems(), input.notices());
    if (json) {
      ReportWriter.json(report, out);
    } else {
      ReportWriter.table(report, out);
    }
    ReportWriter.details(report, err);
    return report.exitCode();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
