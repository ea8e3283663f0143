package dev.ownership.operator.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Prints a completion script for bash and zsh (zsh through bashcompinit). Load it with",
      "  source <(kubectl-ownership completion)",
      "or, for the jar, source <(java -jar ownership-operator.jar completion --command-name"
          + " ownership-operator)."
    })
public final class CompletionCommand implements Callable<Integer> {
  /** The name the launcher is installed under, so kubectl finds it as a plugin. */
  public static final String LAUNCHER = "kubectl-ownership";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--command-name",
      defaultValue = LAUNCHER,
      paramLabel = "NAME",
      description = "The command to complete. Default: ${DEFAULT-VALUE}.")
  String commandName;

  @Override
  public Integer call() {
    if (!commandName.matches("[A-Za-z0-9._-]+")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--command-name: use letters, digits, '.', '_' and '-' only (it becomes a shell function"
              + " name)");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(AutoComplete.bash(commandName, OwnershipCli.commandLine()));
    out.flush();
    return 0;
  }
}
