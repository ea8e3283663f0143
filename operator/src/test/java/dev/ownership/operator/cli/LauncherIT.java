package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.NeedsTool;
import dev.ownership.operator.testing.OperatorProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * operator/target/kubectl-ownership as users run it: one executable file (a sh launcher with the
 * jar appended) that runs by itself, under java -jar, as a kubectl plugin from the PATH, and that
 * prints a bash completion script which completes the subcommands.
 */
class LauncherIT {
  record Result(int exitCode, String output) {}

  static Path launcher() {
    String configured = System.getProperty("ownership.launcher");
    Path path =
        configured != null
            ? Path.of(configured)
            : MockCluster.repoRoot().resolve("operator/target/kubectl-ownership");
    assertThat(path).as("mvn package builds the launcher").exists();
    return path;
  }

  static Result run(Map<String, String> env, String... command) throws Exception {
    Path log = Files.createTempFile("launcher", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void isOneExecutableFileThatStartsWithAShellLauncher() throws Exception {
    Path launcher = launcher();
    assertThat(Files.isExecutable(launcher)).isTrue();
    byte[] head = new byte[64];
    try (var in = Files.newInputStream(launcher)) {
      assertThat(in.read(head)).isEqualTo(64);
    }
    assertThat(new String(head, StandardCharsets.US_ASCII)).startsWith("#!/bin/sh\n");
    assertThat(Files.size(launcher)).isGreaterThan(Files.size(OperatorProcess.jar()));
  }

  @Test
  void runsVersionStandaloneAndUnderJavaJar() throws Exception {
    String version = "ownership-operator " + VersionInfo.version();
    Result standalone =
        run(
            Map.of("JAVA_HOME", System.getProperty("java.home")),
            launcher().toString(),
            "--version");
    assertThat(standalone.exitCode()).as(standalone.output()).isZero();
    assertThat(standalone.output()).startsWith(version + "\n");
    Result javaJar = run(Map.of(), java(), "-jar", launcher().toString(), "--version");
    assertThat(javaJar.exitCode()).as(javaJar.output()).isZero();
    assertThat(javaJar.output()).startsWith(version + "\n");
  }

  @Test
  @NeedsTool({"kubectl"})
  void kubectlFindsItAsThePluginOwnershipOnThePath() throws Exception {
    String path =
        launcher().getParent() + ":" + Path.of(java()).getParent() + ":" + System.getenv("PATH");
    Result plugin = run(Map.of("PATH", path), "kubectl", "ownership", "who", "--help");
    assertThat(plugin.exitCode()).as(plugin.output()).isZero();
    assertThat(plugin.output()).contains("Usage: ownership-operator who").contains("--team=TEAM");
  }

  @Test
  void completionScriptCompletesSubcommandsAndFlagsInBash() throws Exception {
    String script =
        String.join(
            "\n",
            List.of(
                "source <(\"$LAUNCHER\" completion)",
                "COMP_WORDS=(kubectl-ownership wh); COMP_CWORD=1",
                "_complete_kubectl-ownership; echo \"subcommands: ${COMPREPLY[*]}\"",
                "COMP_WORDS=(kubectl-ownership who --te); COMP_CWORD=2",
                "_complete_kubectl-ownership; echo \"flags: ${COMPREPLY[*]}\""));
    List<String> command = new ArrayList<>(List.of("bash", "-c", script));
    Result result =
        run(
            Map.of("LAUNCHER", launcher().toString(), "JAVA_HOME", System.getProperty("java.home")),
            command.toArray(String[]::new));
    assertThat(result.output())
        .contains("subcommands: who\n")
        .contains("flags: --team --team-registry --team-review-period\n");
  }
}
