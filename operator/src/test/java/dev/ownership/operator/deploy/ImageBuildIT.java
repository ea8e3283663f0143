package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.operator.testing.NeedsTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The image build of docs/install.md, step 1, without a Docker daemon: it refuses to run without a
 * base image, and two independent builds of the same classes on the same base (Jib's {@code
 * scratch}: buildTar needs no java in it) are the same bytes, running what the Deployment expects.
 */
class ImageBuildIT {
  static final String MAIN_CLASS = "dev.ownership.operator.cli.OwnershipCli";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDocumentedBuildWithoutABaseImageStopsWithOneLineSayingWhatToGive() throws Exception {
    Matcher documented =
        Pattern.compile("(?m)^mvn [^\\n]*jib:buildTar[^\\n]*$").matcher(InstallDocs.text());
    assertThat(documented.find()).as("docs/install.md shows the jib:buildTar command").isTrue();
    String command = documented.group().replaceAll(" -Djib\\.from\\.image=\\S+", "");
    assertThat(command).doesNotContain("jib.from.image");

    Result result = maven(command.substring("mvn ".length()).split(" +"));

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output())
        .as("the one line that says what to give")
        .containsPattern(
            "(?m)^\\[ERROR\\] No base image: give one pinned by digest, e.g."
                + " -Djib\\.from\\.image=eclipse-temurin:17-jre@sha256:DIGEST \\(docs/install\\.md,"
                + " step 1\\)$")
        .as("stopped before compiling or containerizing")
        .doesNotContain("--- compiler:")
        .doesNotContain("Containerizing");
  }

  @Test
  @NeedsTool({"kubectl"})
  void twoBuildsOfTheSameClassesOnTheSameBaseAreByteIdenticalAndRunTheOperatorAsNonRoot()
      throws Exception {
    Path work = Kustomize.REPO_ROOT.resolve("operator/target/image-build-it");
    deleteRecursively(work);
    try {
      // Each build has its own layer cache, so the second cannot reuse the first one's layers.
      Process first = startBuild(work.resolve("first"));
      Process second = startBuild(work.resolve("second"));
      for (Path build : List.of(work.resolve("first"), work.resolve("second"))) {
        Process process = build.endsWith("first") ? first : second;
        Result result = await(process, build.resolve("maven.log"));
        assertThat(result.exitCode()).as(result.output()).isZero();
      }
      Path firstTar = work.resolve("first/image.tar");
      Path secondTar = work.resolve("second/image.tar");
      assertThat(Files.size(firstTar)).isPositive();
      assertThat(Files.mismatch(firstTar, secondTar)).as("first byte that differs").isEqualTo(-1L);
      assertThat(Files.readString(work.resolve("first/image.digest")))
          .startsWith("sha256:")
          .isEqualTo(Files.readString(work.resolve("second/image.digest")));

      Map<String, byte[]> entries = tarEntries(Files.readAllBytes(firstTar));
      JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
      JsonNode config = JSON.readTree(entries.get(manifest.path("Config").asText())).path("config");
      assertThat(config.path("User").asText()).isEqualTo("65532:65532");
      assertThat(JSON.convertValue(config.path("Entrypoint"), List.class))
          .containsExactly("java", "-cp", "@/app/jib-classpath-file", MAIN_CLASS);
      assertThat(JSON.convertValue(config.path("Cmd"), List.class)).containsExactly("run");
      assertThat(config.at("/Labels/org.opencontainers.image.licenses").asText())
          .isEqualTo("Apache-2.0");

      // The Deployment runs the image's entrypoint (args only, no command) as that same user.
      JsonNode pod =
          Kustomize.render("deploy/default")
              .get("Deployment", DeployManifestsTest.APP)
              .at("/spec/template/spec");
      JsonNode container = pod.path("containers").get(0);
      assertThat(container.has("command")).isFalse();
      assertThat(container.path("args").get(0).asText()).isEqualTo("run");
      assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(65532);
      assertThat(pod.at("/securityContext/runAsGroup").asInt()).isEqualTo(65532);
    } finally {
      deleteRecursively(work);
    }
  }

  private static Process startBuild(Path dir) throws IOException {
    Files.createDirectories(dir);
    return start(
        dir.resolve("maven.log"),
        "-pl",
        "operator",
        "jib:buildTar",
        "-Djib.from.image=scratch",
        "-Djib.applicationCache=" + dir.resolve("cache"),
        "-Djib.outputPaths.tar=" + dir.resolve("image.tar"),
        "-Djib.outputPaths.digest=" + dir.resolve("image.digest"),
        "-Djib.outputPaths.imageId=" + dir.resolve("image.id"),
        "-Djib.outputPaths.imageJson=" + dir.resolve("image.json"));
  }

  record Result(int exitCode, String output) {}

  private static Result maven(String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile("image-build", ".log");
    try {
      return await(start(log, args), log);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Maven from the repository root, offline exactly when the Maven running this test is. */
  private static Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("mvn", "-B"));
    if ("offline=true".equals(System.getProperty("ownership.maven"))) command.add("-o");
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(Kustomize.REPO_ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("MAVEN_ARGS");
    return builder.start();
  }

  private static Result await(Process process, Path log) throws IOException, InterruptedException {
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    if (!finished) process.destroyForcibly().waitFor();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    return new Result(finished ? process.exitValue() : -1, output);
  }

  /** The regular files of an uncompressed tar (what Jib's docker-archive is), by name. */
  static Map<String, byte[]> tarEntries(byte[] tar) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (InputStream in = new java.io.ByteArrayInputStream(tar)) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
        String octal = new String(header, 124, 12, StandardCharsets.US_ASCII).trim();
        long size = Long.parseLong(octal.replace("\0", "").trim(), 8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(in.readNBytes((int) size));
        in.skipNBytes((512 - size % 512) % 512);
        entries.put(name, body.toByteArray());
      }
    }
    return entries;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) Files.delete(path);
    }
  }
}
