package dev.ownership.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link NeedsTool} on real JUnit test classes, run through the JUnit Platform with a PATH this
 * test controls: they run when the tool is there, are skipped naming the Debian package when it is
 * not, and fail when {@code OWNERSHIP_REQUIRE_TOOLS=1} says CI needs them.
 */
class NeedsToolConditionTest {
  @TempDir Path bin;

  /** What the Platform reported for each test and class of one run. */
  record Outcome(List<String> succeeded, List<String> skipped, List<String> failed) {}

  @Test
  void aTestWhoseToolIsOnThePathRuns() throws Exception {
    executable("promtool");
    Outcome outcome = run(NeedsPromtool.class, false);
    assertThat(outcome.succeeded()).contains("runs()");
    assertThat(outcome.skipped()).isEmpty();
    assertThat(outcome.failed()).isEmpty();
  }

  @Test
  void aTestWhoseToolIsMissingIsSkippedSayingWhichPackageToInstall() throws Exception {
    Files.writeString(bin.resolve("promtool"), "not executable");
    Outcome outcome = run(NeedsPromtool.class, false);
    assertThat(outcome.skipped())
        .containsExactly("runs(): promtool is not on the PATH: apt-get install prometheus");
    assertThat(outcome.succeeded()).doesNotContain("runs()");
    assertThat(outcome.failed()).isEmpty();
  }

  @Test
  void aMissingToolFailsTheTestWhenTheEnvironmentRequiresTools() throws Exception {
    Outcome outcome = run(NeedsPromtool.class, true);
    assertThat(outcome.failed())
        .singleElement()
        .asString()
        .startsWith("runs(): ")
        .contains(
            "promtool is not on the PATH: apt-get install prometheus (OWNERSHIP_REQUIRE_TOOLS=1"
                + " requires it)")
        .doesNotContain("\n");
    assertThat(outcome.skipped()).isEmpty();
  }

  @Test
  void onAClassItGuardsTheBeforeAllAndNamesEveryMissingPackageOnce() throws Exception {
    executable("chromium");
    Outcome skipped = run(NeedsBrowserAndWrk.class, false);
    assertThat(skipped.skipped())
        .containsExactly(
            "NeedsToolConditionTest$NeedsBrowserAndWrk: chromedriver, wrk are not on the PATH:"
                + " apt-get install chromium-driver wrk");
    assertThat(skipped.failed()).isEmpty();

    Outcome failed = run(NeedsBrowserAndWrk.class, true);
    assertThat(failed.failed())
        .singleElement()
        .asString()
        .startsWith("NeedsToolConditionTest$NeedsBrowserAndWrk: ")
        .contains("chromedriver, wrk are not on the PATH: apt-get install chromium-driver wrk (");

    executable("chromedriver");
    executable("wrk");
    assertThat(run(NeedsBrowserAndWrk.class, true).failed())
        .as("with every tool there the class runs, and its @BeforeAll throws")
        .containsExactly(
            "NeedsToolConditionTest$NeedsBrowserAndWrk: the tools were found, so @BeforeAll ran");
  }

  @Test
  void aToolNameWithoutAPackageIsAnErrorNamingTheKnownOnes() {
    assertThatThrownBy(
            () -> NeedsToolCondition.evaluate(new String[] {"helm"}, bin.toString(), false))
        .hasMessageStartingWith("@NeedsTool(\"helm\") names no known tool")
        .hasMessageContaining("promtool, prometheus, kubectl");
  }

  private void executable(String name) throws Exception {
    Files.writeString(bin.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(bin.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Outcome run(Class<?> testClass, boolean required) {
    Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    var request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(testClass))
            .filters(EngineFilter.includeEngines("junit-jupiter"))
            .configurationParameter(NeedsToolCondition.PATH_PARAMETER, bin.toString())
            .configurationParameter(NeedsToolCondition.REQUIRE_PARAMETER, required ? "1" : "0")
            .build();
    LauncherFactory.create()
        .execute(
            request,
            new TestExecutionListener() {
              @Override
              public void executionSkipped(TestIdentifier id, String reason) {
                outcome.skipped().add(id.getDisplayName() + ": " + reason);
              }

              @Override
              public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.getParentId().isEmpty()) return; // the engine
                switch (result.getStatus()) {
                  case SUCCESSFUL -> outcome.succeeded().add(id.getDisplayName());
                  case FAILED ->
                      outcome
                          .failed()
                          .add(
                              id.getDisplayName()
                                  + ": "
                                  + result.getThrowable().orElseThrow().getMessage());
                  case ABORTED -> outcome.failed().add(id.getDisplayName() + ": aborted");
                }
              }
            });
    return outcome;
  }

  // Run only through run(...): Surefire leaves nested classes out.
  static class NeedsPromtool {
    @Test
    @NeedsTool("promtool")
    void runs() {}
  }

  @NeedsTool({"chromium", "chromedriver", "wrk"})
  static class NeedsBrowserAndWrk {
    @BeforeAll
    static void start() {
      throw new IllegalStateException("the tools were found, so @BeforeAll ran");
    }

    @Test
    void runs() {}
  }
}
