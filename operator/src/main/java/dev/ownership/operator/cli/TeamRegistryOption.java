package dev.ownership.operator.cli;

import dev.ownership.operator.ownership.TeamRegistryMode;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --team-registry} for `audit`, with `run`'s name, values, default and meaning (INTERFACE
 * §8), so that a gate judges team values as the cluster does with the same flag.
 */
final class TeamRegistryOption {
  @Option(
      names = "--team-registry",
      defaultValue = "warn",
      paramLabel = "MODE",
      description =
          "Whether team values must name a registered Team (kind: Team in the input, or the"
              + " cluster's with --cluster): off, warn (unknown teams still own and are reported)"
              + " or enforce (an unknown team owns nothing). No Team, no registry. Default:"
              + " ${DEFAULT-VALUE}.")
  String value;

  /** The parsed mode; a bad one is a usage error that names the flag. */
  TeamRegistryMode mode(CommandLine commandLine) {
    return TeamRegistryMode.parse(value)
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    commandLine,
                    "--team-registry: '" + value + "' is not one of off, warn, enforce"));
  }
}
