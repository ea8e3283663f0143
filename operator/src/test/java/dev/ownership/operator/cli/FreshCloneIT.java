package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.NeedsTool;
import dev.ownership.operator.testing.NeedsToolCondition;
import dev.ownership.operator.testing.SystemTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's two commands on a copy of the repository with nothing beside it — no shared corpus,
 * no CI variables, no tools but Java and Maven — as a newcomer's fresh clone is: the quick start
 * runs the demo, the tests that read the corpus are left out and those that run a tool skip,
 * instead of failing.
 */
@NeedsTool({"git"})
class FreshCloneIT {
  @Test
  void theQuickStartAndTheTestsWorkWithNothingBesideTheClone() throws Exception {
    Path workspace = Files.createTempDirectory("fresh-clone");
    try {
      Path clone = workspace.resolve("ownership-operator");
      copyTrackedFiles(MockCluster.repoRoot(), clone);
      assertThat(workspace.resolve("shared")).doesNotExist();
      // A machine with Java and Maven only: this PATH has every program of ours but the tools
      // of SystemTool (kubectl, promtool, chromium...).
      String path = pathWithoutTheTools(workspace.resolve("bin"));

      Result quickStart = run(clone, path, ReadmeTest.quickStart().get(0));
      assertThat(quickStart.exitCode()).as(quickStart.output()).isZero();
      assertThat(quickStart.output())
          .contains("denied (403): Deployment storefront/pricing has no owner.")
          .contains("ownership_cluster_coverage_ratio 0.750");

      // Every corpus-tagged class and two that run tools, in the copy: the corpus tests are
      // excluded by the profile and the tool tests skip naming the package, so none fails.
      Result tests =
          run(
              clone,
              path,
              "mvn -B -o test -Dtest='CorpusReviewTest,AdmissionFixturesTest,PeerParityTest,"
                  + "AuditCorpusTest,VerdictParityTest,SuggestCorpusTest,PrometheusRulesTest,"
                  + "CrdFilesTest' -Dsurefire.failIfNoSpecifiedTests=false");
      assertThat(tests.exitCode()).as(tests.output()).isZero();
      assertThat(tests.output())
          .contains("BUILD SUCCESS")
          .doesNotContain("the shared corpus")
          .containsPattern("Tests run: \\d+, Failures: 0, Errors: 0, Skipped: [1-9]");
      Path report =
          clone.resolve(
              "operator/target/surefire-reports/"
                  + "TEST-dev.ownership.operator.metrics.PrometheusRulesTest.xml");
      assertThat(Files.readString(report))
          .contains("promtool is not on the PATH: apt-get install prometheus");
    } finally {
      deleteRecursively(workspace);
    }
  }

  /** A directory of links to every program on this PATH except the tools, as a PATH value. */
  private static String pathWithoutTheTools(Path bin) throws IOException {
    Files.createDirectories(bin);
    java.util.Set<String> tools = new java.util.HashSet<>();
    for (SystemTool tool : SystemTool.values()) tools.add(tool.command());
    String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
    for (String dir : (javaBin + ":" + System.getenv("PATH")).split(":")) {
      Path directory = Path.of(dir);
      if (dir.isEmpty() || !Files.isDirectory(directory)) continue;
      try (var programs = Files.list(directory)) {
        for (Path program : (Iterable<Path>) programs::iterator) {
          String name = program.getFileName().toString();
          Path link = bin.resolve(name);
          if (tools.contains(name) || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS))
            continue;
          Files.createSymbolicLink(link, program.toAbsolutePath());
        }
      }
    }
    return bin.toString();
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    try (var paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator)
        Files.delete(p);
    }
  }

  record Result(int exitCode, String output) {}

  private static Result run(Path dir, String path, String command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("fresh-clone", ".log");
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("OWNERSHIP_REQUIRE_CORPUS");
    builder.environment().remove(NeedsToolCondition.REQUIRE_VARIABLE);
    builder.environment().put("PATH", path);
    builder.environment().remove("MAVEN_ARGS");
    Process process = builder.start();
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    if (!finished) process.destroyForcibly().waitFor();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Result(finished ? process.exitValue() : -1, output);
  }

  /** What a clone holds: the files git tracks (the working tree's version of each). */
  private static void copyTrackedFiles(Path repo, Path target) throws Exception {
    Process ls = new ProcessBuilder("git", "ls-files", "-z").directory(repo.toFile()).start();
    byte[] names = ls.getInputStream().readAllBytes();
    assertThat(ls.waitFor()).isZero();
    for (String name : List.of(new String(names, StandardCharsets.UTF_8).split("\0"))) {
      if (name.isEmpty()) continue;
      Path source = repo.resolve(name);
      if (!Files.exists(source)) continue;
      Path copy = target.resolve(name);
      Files.createDirectories(copy.getParent());
      Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }
}
