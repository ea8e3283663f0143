package dev.ownership.operator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.NeedsTool;
import dev.ownership.operator.testing.OperatorProcess;
import dev.ownership.operator.testing.SystemTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (Debian's headless Chromium through its chromedriver) against the catalog that the
 * real jar's demo serves, seeded with the examples plus a ServiceOwnership description that tries
 * to run a script. Follows overview → search → team → service → workload as a person would, and
 * saves a screenshot of each step in operator/target/screenshots/.
 */
@NeedsTool({"chromium", "chromedriver"})
class CatalogBrowserIT {
  static final String INJECTED =
      "Checkout API <script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";

  static final String TEAM = "browser-check";
  static final String TEAM_DISPLAY = "Browser <script>window.__pwned=3</script>\ncheck";

  @TempDir static Path temp;
  static OperatorProcess demo;
  static WebDriver browser;
  static String base;
  static Path screenshots;

  @BeforeAll
  static void start() throws Exception {
    Path examples = Files.createDirectories(temp.resolve("examples"));
    try (var files = Files.list(MockCluster.repoRoot().resolve("deploy/examples"))) {
      for (Path file : files.toList())
        Files.copy(file, examples.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    Path services = examples.resolve("service-ownerships.yaml");
    String yaml = Files.readString(services);
    String original = "description: Checkout API that turns carts into orders";
    assertThat(yaml).contains(original);
    Files.writeString(
        services, yaml.replace(original, "description: '" + INJECTED.replace("'", "''") + "'"));
    // A Team that owns nothing yet, whose display name tries to run a script across two lines.
    Files.writeString(
        examples.resolve("it-teams.yaml"),
        String.join(
            "\n",
            "apiVersion: ownership.dev/v1alpha1",
            "kind: Team",
            "metadata:",
            "  name: " + TEAM,
            "spec:",
            "  displayName: \"" + TEAM_DISPLAY.replace("\"", "\\\"").replace("\n", "\\n") + "\"",
            "  contacts:",
            "  - {type: slack, value: \"#browser-check\", onCall: true}",
            "  links: [{name: handbook, url: https://wiki.example.com/browser-check}]",
            ""));
    Path kustomization = examples.resolve("kustomization.yaml");
    Files.writeString(
        kustomization,
        Files.readString(kustomization)
            .replace("- namespaces.yaml", "- namespaces.yaml\n- it-teams.yaml"));

    int port = OperatorProcess.freePort();
    base = "http://127.0.0.1:" + port;
    demo =
        OperatorProcess.start(
            temp.resolve("no-kubeconfig"),
            Map.of(),
            "demo",
            "--examples=" + examples,
            "--catalog-port=" + port,
            "--metrics-port=" + OperatorProcess.freePort(),
            "--webhook-port=" + OperatorProcess.freePort());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (!demo.output().contains("Serving until interrupted")) {
      assertThat(demo.isAlive()).as(demo.output()).isTrue();
      assertThat(Instant.now())
          .as("the demo serves within 3 minutes: " + demo.output())
          .isBefore(deadline);
      Thread.sleep(200);
    }
    assertThat(demo.output()).contains("Catalog: " + base + "/");

    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(SystemTool.CHROMEDRIVER.path().toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(SystemTool.CHROMIUM.path().toString());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--window-size=1280,1000",
        "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")));
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    screenshots =
        Files.createDirectories(MockCluster.repoRoot().resolve("operator/target/screenshots"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) browser.quit();
    if (demo != null) demo.close();
  }

  static void screenshot(String name) throws Exception {
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Waits for the navigation a click or Enter started: a submit returns before the page loads. */
  static void arriveAt(String url) {
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(url));
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            b ->
                "complete"
                    .equals(((JavascriptExecutor) b).executeScript("return document.readyState")));
  }

  static String field(String name) {
    return browser.findElement(By.cssSelector("dd[data-field='" + name + "']")).getText();
  }

  @Test
  @NeedsTool({"kubectl"})
  void kubectlOwnershipWhoAnswersAboutAPodOfTheRunningDemo() throws Exception {
    java.util.regex.Matcher tryIt =
        java.util.regex.Pattern.compile(
                "KUBECONFIG=(\\S+) kubectl ownership who (pod/\\S+) -n storefront")
            .matcher(demo.output());
    assertThat(tryIt.find()).as(demo.output()).isTrue();
    Path launcher = MockCluster.repoRoot().resolve("operator/target/kubectl-ownership");
    Path java = Path.of(System.getProperty("java.home"), "bin");
    ProcessBuilder kubectl =
        new ProcessBuilder("kubectl", "ownership", "who", tryIt.group(2), "-n", "storefront")
            .redirectErrorStream(true);
    kubectl.environment().put("KUBECONFIG", tryIt.group(1));
    kubectl
        .environment()
        .put("PATH", launcher.getParent() + ":" + java + ":" + System.getenv("PATH"));
    Process process = kubectl.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output)
        .startsWith("Deployment storefront/checkout\n")
        .contains("  chain       " + tryIt.group(2) + " -> replicaset/checkout-")
        // the examples register Team payments with its display name
        .contains("  team        payments (Payments)\n")
        .contains(
            "  on-call     pagerduty  https://example.pagerduty.com/service-directory/PCHK001\n")
        .contains("  runbook     https://runbooks.example.com/checkout\n");
  }

  @Test
  void aPersonFollowsOverviewSearchTeamServiceAndWorkload() throws Exception {
    browser.get(base + "/");
    assertThat(browser.getTitle()).isEqualTo("Overview · Ownership catalog");
    assertThat(browser.findElement(By.cssSelector("#coverage p")).getText())
        .startsWith("75.0% of 12 workloads have an owner: 7 owned, 3 unowned, 2 in conflict");
    assertThat(browser.findElements(By.cssSelector("#unowned tbody tr"))).hasSize(3);
    screenshot("1-overview");

    // The script filters the tables as one types; Enter asks the server.
    WebElement search = browser.findElement(By.id("q"));
    search.sendKeys("payments");
    WebElement growthRow =
        browser.findElement(By.xpath("//table[@id='teams-table']//tr[td/a[text()='growth']]"));
    assertThat(growthRow.isDisplayed()).as("rows without the text are hidden").isFalse();
    search.sendKeys(Keys.ENTER);
    arriveAt(base + "/?q=payments");
    WebElement team = browser.findElement(By.cssSelector("#team-results a"));
    assertThat(team.getText()).isEqualTo("payments");
    screenshot("2-search");

    team.click();
    arriveAt(base + "/teams/payments");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Team Payments");
    assertThat(browser.findElement(By.id("workloads")).getText())
        .contains("Deployment checkout")
        .contains("Deployment ledger")
        // settlement's label says paymnts, a typo the registry (warn) reports but does not fix
        .doesNotContain("settlement")
        .doesNotContain("checkout-canary");
    screenshot("3-team");

    browser
        .findElement(By.cssSelector("#services a[href='/services/storefront/checkout']"))
        .click();
    arriveAt(base + "/services/storefront/checkout");
    assertThat(field("description")).isEqualTo(INJECTED);
    assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.__pwned"))
        .as("the injected script and onerror handler never ran")
        .isEqualTo("undefined");
    assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
    assertThat(browser.findElement(By.id("workloads")).getText())
        .contains("Deployment checkout owned payments yes")
        .contains("Deployment checkout-canary conflict growth no");
    assertThat(browser.findElement(By.id("conditions")).getText())
        .contains("Ready True Reconciled");
    screenshot("4-service");

    browser.findElement(By.linkText("Deployment checkout")).click();
    arriveAt(base + "/workloads/storefront/deployment/checkout");
    assertThat(field("status")).isEqualTo("owned");
    assertThat(field("team")).isEqualTo("payments (Payments)");
    assertThat(field("source")).isEqualTo("ServiceOwnership/checkout");
    assertThat(field("on-call"))
        .isEqualTo("pagerduty https://example.pagerduty.com/service-directory/PCHK001");
    assertThat(
            browser.findElement(By.cssSelector("dd[data-field='runbook'] a")).getAttribute("href"))
        .isEqualTo("https://runbooks.example.com/checkout");
    assertThat(field("description")).isEqualTo(INJECTED);
    assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.__pwned"))
        .isEqualTo("undefined");
    screenshot("5-workload");

    browser.findElement(By.cssSelector("dd[data-field='namespace'] a")).click();
    arriveAt(base + "/namespaces/storefront");
    assertThat(field("enforcement")).isEqualTo("enforce");
    screenshot("6-namespace");
  }

  @Test
  void aRegisteredTeamThatOwnsNothingIsListedWithItsDisplayNameAsText() throws Exception {
    browser.get(base + "/");
    WebElement row =
        browser.findElement(
            By.xpath("//table[@id='teams-table']//tr[td/a[text()='" + TEAM + "']]"));
    String shown = "Browser <script>window.__pwned=3</script>\\ncheck";
    assertThat(row.getText()).contains(shown);

    row.findElement(By.linkText(TEAM)).click();
    arriveAt(base + "/teams/" + TEAM);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Team " + shown);
    assertThat(field("on-call")).isEqualTo("slack #browser-check");
    assertThat(browser.findElement(By.cssSelector("dd[data-field='links'] a")).getAttribute("href"))
        .isEqualTo("https://wiki.example.com/browser-check");
    assertThat(field("review")).isEqualTo("never reviewed (review due)");
    assertThat(browser.findElement(By.id("workloads")).getText()).contains("None.");
    assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.__pwned"))
        .as("the display name's script never ran")
        .isEqualTo("undefined");
    screenshot("7-team-registered");
  }
}
