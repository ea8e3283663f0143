package dev.ownership.operator.cli;

import dev.ownership.operator.ownership.OwnerLabelKeys;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --owner-label-keys}, the same for `run` and `audit` so both resolve alike. */
final class OwnerLabelKeysOption {
  @Option(
      names = "--owner-label-keys",
      defaultValue = "ownership.dev/team,team,owner",
      paramLabel = "KEYS",
      description =
          "Workload label keys that name the owning team, tried in order. Default:"
              + " ${DEFAULT-VALUE}.")
  String value;

  /** The parsed keys; a bad key is a usage error that names it. */
  OwnerLabelKeys keys(CommandLine commandLine) {
    try {
      return OwnerLabelKeys.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          commandLine, "--owner-label-keys: " + e.getMessage());
    }
  }
}
