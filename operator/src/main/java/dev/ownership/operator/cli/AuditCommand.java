package dev.ownership.operator.cli;

import dev.ownership.operator.audit.AuditReport;
import dev.ownership.operator.audit.ReportWriter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  @CommandLine.Mixin ManifestSource source = new ManifestSource();

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  String output;

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
    ManifestSource.Loaded loaded = source.load(spec.commandLine(), stdin);
    if (loaded == null) return AuditReport.BAD_INPUT;
    AuditReport report = loaded.audit();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (json) {
      ReportWriter.json(report, out);
    } else {
      ReportWriter.table(report, out);
    }
    ReportWriter.details(report, err);
    return report.exitCode();
  }

  private CommandLine.ParameterException usage(String message) {
    return ManifestSource.usage(spec.commandLine(), message);
  }
}
