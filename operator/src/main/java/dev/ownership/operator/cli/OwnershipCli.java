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
      DemoCommand.class,
      WhoCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OwnershipCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
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
    cli.getSubcommands()
        .values()
        .forEach(sub -> sub.setDefaultValueProvider(new EnvironmentDefaults(System.getenv())));
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: choose run, audit, demo, who or completion");
  }
}
