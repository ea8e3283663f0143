package dev.ownership.operator.cli;

import dev.ownership.operator.ownership.EnforcementMode;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --default-enforcement} and {@code --exempt-namespaces}, the same for `run` and `audit`, so
 * that audit judges as the webhook does with the same flags.
 */
final class EnforcementOptions {
  @Option(
      names = "--default-enforcement",
      defaultValue = "warn",
      paramLabel = "MODE",
      description =
          "Admission mode where a namespace has no ownership.dev/enforcement label: enforce, warn,"
              + " audit or off. Default: ${DEFAULT-VALUE}.")
  String defaultEnforcement;

  @Option(
      names = "--exempt-namespaces",
      defaultValue = "kube-system,kube-public,kube-node-lease",
      paramLabel = "NS",
      description =
          "Namespaces the webhook always allows (comma-separated). Default: ${DEFAULT-VALUE}.")
  String exemptNamespaces;

  /** The parsed mode; a bad one is a usage error that names the flag. */
  EnforcementMode defaultMode(CommandLine commandLine) {
    return EnforcementMode.parse(defaultEnforcement)
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    commandLine,
                    "--default-enforcement: '"
                        + defaultEnforcement
                        + "' is not one of enforce, warn, audit, off"));
  }

  Set<String> exempt() {
    Set<String> values = new LinkedHashSet<>();
    for (String part : exemptNamespaces.split(",")) {
      if (!part.isBlank()) values.add(part.trim());
    }
    return Set.copyOf(values);
  }
}
