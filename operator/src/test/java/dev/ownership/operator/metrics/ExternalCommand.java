package dev.ownership.operator.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command line tool to completion and keeps its combined output, for tests. */
record ExternalCommand(List<String> command, int exitCode, String output) {
  static ExternalCommand run(Path directory, Duration timeout, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("command", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
      }
      return new ExternalCommand(
          List.of(command), process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  String describe() {
    return String.join(" ", command) + " exited with " + exitCode + ":\n" + output;
  }
}
