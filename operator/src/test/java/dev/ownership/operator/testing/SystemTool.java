package dev.ownership.operator.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The programs outside the JDK that some tests run, each with the Debian package that has it. */
public enum SystemTool {
  PROMTOOL("promtool", "prometheus"),
  PROMETHEUS("prometheus", "prometheus"),
  KUBECTL("kubectl", "kubernetes-client"),
  CHROMIUM("chromium", "chromium"),
  CHROMEDRIVER("chromedriver", "chromium-driver"),
  WRK("wrk", "wrk"),
  SETPRIV("setpriv", "util-linux"),
  GIT("git", "git");

  private final String command;
  private final String debianPackage;

  SystemTool(String command, String debianPackage) {
    this.command = command;
    this.debianPackage = debianPackage;
  }

  public String command() {
    return command;
  }

  public String debianPackage() {
    return debianPackage;
  }

  /** The tool named {@code command}, or an error listing the names there are. */
  public static SystemTool named(String command) {
    return Arrays.stream(values())
        .filter(t -> t.command.equals(command))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "@NeedsTool(\""
                        + command
                        + "\") names no known tool; add it to SystemTool with its Debian package"
                        + " (known: "
                        + Arrays.stream(values())
                            .map(t -> t.command)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }

  /** The first executable {@link #command()} in the directories of {@code path} (a PATH value). */
  public Optional<Path> locate(String path) {
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      try {
        Path candidate = Path.of(dir, command);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate))
          return Optional.of(candidate);
      } catch (InvalidPathException e) {
        // a PATH entry that is no path cannot hold the tool
      }
    }
    return Optional.empty();
  }

  /** The tool's path on this JVM's PATH, for tests that run it by absolute path. */
  public Path path() {
    return locate(System.getenv("PATH"))
        .orElseThrow(() -> new AssertionError(command + " is not on the PATH: " + installHint()));
  }

  String installHint() {
    return "install the Debian package "
        + debianPackage
        + " (apt-get install "
        + debianPackage
        + ")";
  }
}
