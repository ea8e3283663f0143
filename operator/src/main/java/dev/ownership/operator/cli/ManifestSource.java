package dev.ownership.operator.cli;

import dev.ownership.operator.audit.AuditReport;
import dev.ownership.operator.audit.Auditor;
import dev.ownership.operator.audit.ClusterManifests;
import dev.ownership.operator.audit.ManifestInventory;
import dev.ownership.operator.audit.ManifestReader;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where `audit` and `suggest` read from (manifest paths or {@code --cluster}) and how they resolve
 * it: the same flags, the same reading, the same resolution for both.
 */
final class ManifestSource {
  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description =
          "Files, directories (searched recursively for *.yaml, *.yml, *.json) or - for stdin.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--cluster",
      description = "Read the cluster of the current kubeconfig instead of files.")
  boolean cluster;

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

  /**
   * What was read and how it resolved.
   *
   * @param keys the owner label keys it was resolved with
   */
  record Loaded(
      ManifestReader.Result input,
      ManifestInventory inventory,
      AuditReport audit,
      OwnerLabelKeys keys) {}

  /**
   * Checks the flags (a bad one is a usage error), reads and resolves. Returns null after printing
   * one line on {@code err} when the cluster cannot be read.
   */
  Loaded load(CommandLine commandLine, InputStream stdin) {
    OwnerLabelKeys keys = ownerLabelKeys.keys(commandLine);
    if (cluster && !paths.isEmpty())
      throw usage(commandLine, "give either PATH arguments or --cluster, not both");
    if (!cluster && paths.isEmpty())
      throw usage(
          commandLine,
          "nothing to "
              + commandLine.getCommandName()
              + ": give files, directories, - for stdin, or --cluster");
    if (pageSize < 1) throw usage(commandLine, "--page-size must be at least 1");
    if (namespace.isBlank()) throw usage(commandLine, "--namespace must not be empty");

    ManifestReader.Result input;
    if (cluster) {
      try (KubernetesClient client = new KubernetesClientBuilder().build()) {
        input = ClusterManifests.read(client, pageSize);
      } catch (KubernetesClientException e) {
        PrintWriter err = commandLine.getErr();
        err.println("error: cannot read the cluster: " + e.getMessage());
        err.flush();
        return null;
      }
    } else {
      input = ManifestReader.read(paths, stdin);
    }
    ManifestInventory inventory =
        ManifestInventory.of(input.documents(), namespace.trim(), !cluster);
    AuditReport audit =
        new Auditor(new OwnerResolver(keys)).audit(inventory, input.problems(), input.notices());
    return new Loaded(input, inventory, audit, keys);
  }

  static CommandLine.ParameterException usage(CommandLine commandLine, String message) {
    return new CommandLine.ParameterException(commandLine, message);
  }
}
