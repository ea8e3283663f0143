package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black box: the packaged jar's {@code audit}, as a CI pipeline would run it. */
class AuditIT {
  static final Path JAR =
      Path.of(System.getProperty("ownership.jar", "target/ownership-operator.jar"))
          .toAbsolutePath();
  static final Path REPO_ROOT =
      Path.of(System.getProperty("ownership.repoRoot", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  record Result(int exitCode, String out, String err) {}

  static Result run(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "audit"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("audit", ".out");
    Path err = Files.createTempFile("audit", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("audit finishes").isTrue();
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void examplesDirectoryExitsOneWithTheTable() throws Exception {
    Result result = run("", REPO_ROOT.resolve("deploy/examples").toString());
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.out())
        .startsWith("NAMESPACE")
        .containsPattern(
            "storefront\\s+Deployment\\s+checkout\\s+owned\\s+payments\\s+ServiceOwnership/checkout")
        .containsPattern("sandbox\\s+Deployment\\s+scratch\\s+unowned\\s+-\\s+-");
    assertThat(result.err()).contains("12 workloads: 7 owned, 3 unowned, 2 in conflict");
  }

  @Test
  void ownedManifestsOnStdinExitZeroAndJsonIsValid() throws Exception {
    String manifests =
        "apiVersion: v1\n"
            + "kind: Namespace\n"
            + "metadata:\n"
            + "  name: shop\n"
            + "  labels: {ownership.dev/team: shop}\n"
            + "---\n"
            + "apiVersion: batch/v1\n"
            + "kind: CronJob\n"
            + "metadata:\n"
            + "  name: report\n"
            + "  namespace: shop\n";
    Result result = run(manifests, "-o", "json", "-");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("\"kind\" : \"CronJob\"")
        .contains("\"source\" : \"namespace\"")
        .contains("\"exitCode\" : 0");
  }

  @Test
  void aBrokenFileExitsTwoNamingFileAndDocumentWhileOtherFilesAreStillReported() throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken,
        "apiVersion: apps/v1\n"
            + "kind: Deployment\n"
            + "metadata: {name: ok, labels: {team: web}}\n"
            + "---\n"
            + "metadata: [unclosed\n");
    Result result =
        run(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: from-stdin\n",
            broken.toString(),
            "-");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("error: " + broken + ": document 2: YAML syntax error");
    assertThat(result.out())
        .containsPattern("default\\s+Deployment\\s+from-stdin\\s+unowned")
        .containsPattern("default\\s+Deployment\\s+ok\\s+owned\\s+web");
  }

  @Test
  void noArgumentsIsAUsageErrorAndHelpWorks() throws Exception {
    assertThat(run("").exitCode()).isEqualTo(2);
    Result help = run("", "--help");
    assertThat(help.exitCode()).isEqualTo(0);
    assertThat(help.out())
        .contains("--cluster")
        .contains("--owner-label-keys")
        .contains("-o, --output");
  }
}
