package dev.ownership.operator.cli;

import dev.ownership.operator.audit.AuditReport;
import dev.ownership.operator.audit.ReportWriter;
import dev.ownership.operator.suggest.OwnerSuggester;
import dev.ownership.operator.suggest.TeamNames;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "suggest",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Proposes an owning team for every unowned workload in manifests (or the live cluster), with"
          + " a confidence and the evidence: the owned workloads and ServiceOwnerships it shares a"
          + " Helm release, GitOps application, part-of, image or name with.",
      "-o yaml prints ServiceOwnerships (and kubectl label lines) to review; nothing is applied.",
      "Exit code 0: every unowned workload got a suggestion; 1: some got none; 2: bad input or"
          + " error."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every unowned workload got a suggestion (also when none is unowned)",
      "1:some unowned workloads got no suggestion",
      "2:bad input or an error"
    })
public final class SuggestCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ManifestSource source = new ManifestSource();

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text, json or yaml. Default: ${DEFAULT-VALUE}.")
  String output;

  private final InputStream stdin;

  public SuggestCommand() {
    this(System.in);
  }

  SuggestCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  private enum Format {
    TEXT,
    JSON,
    YAML
  }

  @Override
  public Integer call() {
    Format format =
        switch (output.trim()) {
          case "text" -> Format.TEXT;
          case "json" -> Format.JSON;
          case "yaml" -> Format.YAML;
          default -> throw usage("--output: '" + output + "' is not one of text, json, yaml");
        };
    ManifestSource.Loaded loaded = source.load(spec.commandLine(), stdin);
    if (loaded == null) return AuditReport.BAD_INPUT;
    AuditReport audit = loaded.audit();
    String key = loaded.keys().first();
    // The Team registry (INTERFACE §8) is not read yet: every team value stands as it is.
    SuggestionReport report =
        SuggestionReport.of(
            audit,
            loaded.inventory(),
            loaded.input().documents(),
            new OwnerSuggester(TeamNames.NONE));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    switch (format) {
      case TEXT -> SuggestionWriter.text(report, key, out);
      case JSON -> SuggestionWriter.json(report, key, out);
      case YAML -> SuggestionWriter.yaml(report, key, out);
    }
    ReportWriter.details(audit, err);
    err.println(report.summary());
    err.flush();
    return report.exitCode();
  }

  private CommandLine.ParameterException usage(String message) {
    return ManifestSource.usage(spec.commandLine(), message);
  }
}
