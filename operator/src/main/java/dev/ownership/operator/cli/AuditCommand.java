package dev.ownership.operator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder until the audit issue lands; kept so the command tree is complete.
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = "Checks manifests (or the cluster) offline for workloads without an owner.")
public final class AuditCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("audit is not implemented yet");
    return 2;
  }
}
