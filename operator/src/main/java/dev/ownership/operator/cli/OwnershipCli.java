package dev.ownership.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the executable jar. */
@Command(
    name = "ownership-operator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Makes service ownership visible and enforced in a Kubernetes cluster.",
    subcommands = {
      RunCommand.class,
      AuditCommand.class,
      SuggestCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OwnershipCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show every log line and, on an error, its stack trace.")
  boolean verbose;

  public static void main(String[] args) {
    Logging.configure(args);
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new OwnershipCli());
    cli.setDefaultValueProvider(new EnvironmentDefaults(System.getenv()));
    // Bad flags are the user's input error: exit 2, like bad manifests in `audit`.
    cli.setExitCodeExceptionMapper(e -> 2);
    // Anything else that goes wrong: one line naming what to change, never a stack trace.
    cli.setExecutionExceptionHandler(new UserErrors());
    cli.getSubcommands()
        .values()
        .forEach(sub -> sub.setDefaultValueProvider(new EnvironmentDefaults(System.getenv())));
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: choose run, audit, suggest or demo");
  }
}
