package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.testing.NeedsTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * The workflow's audit steps, run as written by bash in a copy of the repository's deploy/ with
   * the jar the build made: the gate passes and the SARIF step leaves a SARIF log of deploy/.
   */
  @Test
  @NeedsTool({"kubectl"})
  void theWorkflowsAuditStepsPassOnTheRepositorysOwnManifests() throws Exception {
    Map<String, Object> workflow =
        new org.yaml.snakeyaml.Yaml()
            .load(Files.readString(REPO_ROOT.resolve(".github/workflows/ci.yml")));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps =
        (List<Map<String, Object>>)
            ((Map<String, Map<String, Object>>) workflow.get("jobs")).get("build").get("steps");
    Path work = dir.resolve("repo");
    copyTree(REPO_ROOT.resolve("deploy"), work.resolve("deploy"));
    copyTree(REPO_ROOT.resolve("crds"), work.resolve("crds"));
    Files.createDirectories(work.resolve("operator/target"));
    Files.createSymbolicLink(work.resolve("operator/target").resolve(JAR.getFileName()), JAR);
    int audits = 0;
    for (Map<String, Object> step : steps) {
      String script = String.valueOf(step.getOrDefault("run", ""));
      if (!script.contains("java -jar")) continue;
      audits++;
      Process bash =
          new ProcessBuilder("bash", "-e", "-c", script)
              .directory(work.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(bash.exitValue()).as(step.get("name") + ":\n" + output).isZero();
    }
    assertThat(audits).as("the gate and the SARIF step").isEqualTo(2);
    String sarif = Files.readString(work.resolve("audit.sarif"));
    assertThat(sarif)
        .containsPattern("\"version\"\\s*:\\s*\"2\\.1\\.0\"")
        .contains("deploy/examples/");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) Files.createDirectories(target);
        else Files.copy(source, target);
      }
    }
  }

  @Test
  void examplesDirectoryPassesTheDefaultGateAndFailsTheOldOne() throws Exception {
    Result result = run("", REPO_ROOT.resolve("deploy/examples").toString());
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .startsWith("NAMESPACE")
        .containsPattern(
            "storefront\\s+Deployment\\s+checkout\\s+owned\\s+allowed\\s+payments\\s+"
                + "ServiceOwnership/checkout")
        .containsPattern("sandbox\\s+Deployment\\s+scratch\\s+unowned\\s+allowed\\s+-\\s+-");
    assertThat(result.err()).contains("12 workloads: 7 owned, 3 unowned, 2 in conflict");
    Result old = run("", "--fail-on", "unowned", REPO_ROOT.resolve("deploy/examples").toString());
    assertThat(old.exitCode()).isEqualTo(1);
  }

  /**
   * A directory the user may not read is an error for that path; the rest of the walk is still read
   * and reported. Run as an unprivileged user (root reads every directory).
   */
  @Test
  @NeedsTool({"setpriv"})
  void anUnreadableSubdirectoryIsAnErrorForThatPathAndTheWalkGoesOn() throws Exception {
    Path root = Files.createTempDirectory("audit-walk");
    Path tree = root.resolve("tree");
    Path locked = tree.resolve("locked");
    try {
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path jar = Files.copy(JAR, root.resolve("ownership-operator.jar"));
      Files.createDirectories(locked);
      Files.createDirectories(tree.resolve("z"));
      Files.writeString(tree.resolve("a.yaml"), AuditCommandTest.deployment("", "a", "team: web"));
      Files.writeString(locked.resolve("b.yaml"), AuditCommandTest.deployment("", "b", ""));
      Files.writeString(
          tree.resolve("z/c.yaml"), AuditCommandTest.deployment("", "c", "team: web"));
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
      List<String> command = new ArrayList<>();
      if ("root".equals(System.getProperty("user.name"))) {
        command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
      }
      command.addAll(
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-jar",
              jar.toString(),
              "audit",
              tree.toString()));
      Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(err).isEqualTo(2);
      assertThat(err).contains("error: " + locked + ": cannot read: permission denied");
      assertThat(out)
          .containsPattern("default\\s+Deployment\\s+a\\s+owned")
          .containsPattern("default\\s+Deployment\\s+c\\s+owned");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
      try (var files = Files.walk(root)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Really out of memory, not simulated: 50 MB of Deployments under a 64 MiB heap is no verdict
   * (exit code 2, never the gate's 1) in one line on stderr, without a stack trace.
   */
  @Test
  void runningOutOfHeapOnALargeManifestIsOneLineAndExitsTwo() throws Exception {
    Path big = dir.resolve("big.yaml");
    try (var out = Files.newBufferedWriter(big)) {
      for (int i = 0; Files.size(big) < 50_000_000L || i == 0; i++) {
        for (int j = 0; j < 1_000; j++) {
          out.write(
              "---\n" + AuditCommandTest.deployment("shop", "web-" + i + "-" + j, "team: web"));
          out.write(
              "    # padding to make each document as long as a real one "
                  + "x".repeat(200)
                  + "\n");
        }
        out.flush();
      }
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "-jar",
            JAR.toString(),
            "audit",
            big.toString());
    Path err = dir.resolve("err.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    process.getOutputStream().close();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("audit finishes").isTrue();
    String stderr = Files.readString(err);
    assertThat(process.exitValue()).as(stderr).isEqualTo(2);
    assertThat(stderr.lines()).as(stderr).hasSize(1);
    assertThat(stderr).startsWith("error: out of memory; give Java more heap");
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
    assertThat(result.err())
        .contains("error: " + broken + ": document 2, line 5: YAML syntax error");
    assertThat(result.out())
        .containsPattern("default\\s+Deployment\\s+from-stdin\\s+unowned")
        .containsPattern("default\\s+Deployment\\s+ok\\s+owned\\s+allowed\\s+web");
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
