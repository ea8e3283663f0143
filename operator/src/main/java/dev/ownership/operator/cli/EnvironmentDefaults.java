package dev.ownership.operator.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every flag come from the environment: {@code --metrics-port} from {@code
 * OWNERSHIP_METRICS_PORT}. A flag on the command line still wins.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
  private final Map<String, String> environment;

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = environment;
  }

  static String variableFor(String longOption) {
    return "OWNERSHIP_"
        + longOption.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (argSpec instanceof OptionSpec option) {
      String value = environment.get(variableFor(option.longestName()));
      if (value != null) return value;
    }
    return argSpec.defaultValue();
  }
}
