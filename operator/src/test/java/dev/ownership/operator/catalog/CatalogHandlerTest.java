package dev.ownership.operator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.ContactType;
import dev.ownership.operator.api.Lifecycle;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.Objective;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipStatus;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.who.TeamCard;
import dev.ownership.operator.who.TeamDirectory;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every page and API route of the catalog, driven through the handler without sockets. */
class CatalogHandlerTest {
  static final String SCRIPT = "<script>window.__pwned=1</script>";

  InMemoryCatalogSource source;
  CatalogHandler handler;

  @BeforeEach
  void seed() {
    source =
        new InMemoryCatalogSource()
            .namespace("storefront", Map.of("ownership.dev/enforcement", "enforce"))
            .namespace("payments", Map.of("ownership.dev/team", "payments"))
            .namespace("sandbox", Map.of("ownership.dev/enforcement", "off"));
    ServiceOwnership checkout =
        Manifests.serviceOwnership("storefront", "checkout", "payments", Map.of("app", "checkout"));
    checkout.getSpec().setDescription("Checkout API that turns carts into orders");
    checkout.getSpec().setTier(1);
    checkout.getSpec().setLifecycle(Lifecycle.PRODUCTION);
    checkout
        .getSpec()
        .setContacts(
            List.of(
                new Contact(ContactType.SLACK, "#payments-oncall", null),
                new Contact(ContactType.PAGERDUTY, "https://example.pagerduty.com/PCHK001", null),
                new Contact(ContactType.EMAIL, "payments@example.com", "Payments team")));
    checkout
        .getSpec()
        .setLinks(
            List.of(
                new Link("dashboard", "https://grafana.example.com/d/checkout"),
                new Link("runbook", "https://runbooks.example.com/checkout")));
    checkout.getSpec().setObjectives(List.of(new Objective("availability", 99.9, "30d", null)));
    ServiceOwnershipStatus status = new ServiceOwnershipStatus();
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("Reconciled")
                .withMessage("Owns 1 workload.")
                .build()));
    checkout.setStatus(status);
    source.serviceOwnership(checkout);

    ServiceOwnership evil =
        Manifests.serviceOwnership("sandbox", "evil", "mallory", Map.of("app", "evil"));
    evil.getSpec().setDescription("Harmless " + SCRIPT + "<img src=x onerror=\"alert(2)\">");
    evil.getSpec()
        .setContacts(
            List.of(
                new Contact(ContactType.URL, "javascript:alert(3)", "<b>click</b>"),
                new Contact(ContactType.OTHER, "\" onmouseover=\"alert(4)", null)));
    evil.getSpec()
        .setLinks(
            List.of(
                new Link("runbook", "javascript:alert(5)"),
                new Link("data", "data:text/html,<script>alert(6)</script>"),
                new Link("ok", "https://example.com/?a=1&b=2"),
                new Link("invalid", "https://example.com/<2>")));
    source.serviceOwnership(evil);

    source
        .workload(WorkloadKind.DEPLOYMENT, "storefront", "checkout", Map.of("app", "checkout"))
        .workload(
            WorkloadKind.DEPLOYMENT,
            "storefront",
            "checkout-canary",
            Map.of("app", "checkout", "team", "growth"))
        .workload(
            WorkloadKind.DEPLOYMENT, "storefront", "cart", Map.of("ownership.dev/team", "web"))
        .workload(WorkloadKind.DEPLOYMENT, "payments", "ledger", Map.of("app", "ledger"))
        .workload(WorkloadKind.CRONJOB, "payments", "settlement", Map.of())
        .cronJobsJob("payments", "settlement-29000000", "settlement")
        .workload(WorkloadKind.DEPLOYMENT, "sandbox", "scratch", Map.of("app", "evil-worker"));
    handler = handler(TeamDirectory.NONE);
  }

  CatalogHandler handler(TeamDirectory teams) {
    return new CatalogHandler(
        new Catalog(source, new OwnerResolver(OwnerLabelKeys.DEFAULT), teams));
  }

  CatalogResponse get(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    return handler.handle(
        CatalogRequest.of(
            "GET",
            q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
            q < 0 ? null : pathAndQuery.substring(q + 1)));
  }

  String page(String path) {
    CatalogResponse response = get(path);
    assertThat(response.status()).as(path).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("text/html; charset=utf-8");
    return response.text();
  }

  JsonNode api(String path) throws Exception {
    CatalogResponse response = get(path);
    assertThat(response.contentType()).isEqualTo("application/json; charset=utf-8");
    return new ObjectMapper().readTree(response.text());
  }

  @Test
  void overviewShowsCoverageTeamsServicesAndNamespacesWithUnownedWorkloads() {
    String html = page("/");
    // 6 workloads (the CronJob's Job is not one): 4 owned, 1 unowned (scratch), 1 conflict.
    assertThat(html)
        .contains(
            "<strong>83.3%</strong> of 6 workloads have an owner: 4 owned, 1 unowned, 1 in"
                + " conflict, in 3 namespaces.")
        .contains("<a href=\"/teams/payments\">payments</a>")
        .contains("<a href=\"/teams/growth\">growth</a>")
        .contains("<a href=\"/teams/mallory\">mallory</a>")
        .contains("<a href=\"/services/storefront/checkout\">checkout</a>")
        .contains("<a href=\"/namespaces/sandbox\">sandbox</a></td><td>off</td><td>1</td>")
        .doesNotContain("/namespaces/storefront\">storefront</a></td><td>enforce")
        .contains("<form action=\"/\" method=\"get\" role=\"search\">");
  }

  @Test
  void searchFindsTeamsServicesNamespacesAndWorkloads() {
    String html = page("/?q=pay");
    assertThat(html)
        .contains("<h2>Results for “pay”</h2>")
        .contains("id=\"team-results\"><li><a href=\"/teams/payments\">payments</a></li></ul>")
        .contains("id=\"namespace-results\"><li><a href=\"/namespaces/payments\">payments</a></li>")
        .doesNotContain("id=\"workload-results\"");
    assertThat(page("/?q=canary"))
        .contains(
            "<a href=\"/workloads/storefront/deployment/checkout-canary\">Deployment"
                + " checkout-canary</a>");
    assertThat(page("/?q=zzz")).contains("<p>Nothing matches.</p>");
    assertThat(page("/?q=%3Cscript%3E"))
        .contains("Results for “&lt;script&gt;”")
        .doesNotContain("<script>");
  }

  @Test
  void teamPageListsItsServicesAndWorkloads() {
    String html = page("/teams/payments");
    assertThat(html)
        .contains("<h1>Team payments</h1>")
        .contains("No Team of this name is registered")
        .contains("<a href=\"/services/storefront/checkout\">checkout</a>")
        .contains("<a href=\"/workloads/storefront/deployment/checkout\">Deployment checkout</a>")
        .contains("<a href=\"/workloads/payments/deployment/ledger\">Deployment ledger</a>")
        .contains("<a href=\"/workloads/payments/cronjob/settlement\">CronJob settlement</a>")
        .doesNotContain("checkout-canary")
        .doesNotContain("settlement-29000000");
  }

  @Test
  void teamPageShowsTheRegisteredTeamWhenThereIsOne() {
    TeamDirectory registry =
        new TeamDirectory() {
          @Override
          public Optional<TeamCard> team(String name) {
            return name.equals("payments")
                ? Optional.of(
                    new TeamCard(
                        "payments",
                        "Payments & Billing",
                        List.of(new Contact(ContactType.PAGERDUTY, "PXYZ123", null)),
                        List.of(new Contact(ContactType.SLACK, "#payments", null)),
                        List.of(new Link("handbook", "https://wiki.example.com/payments")),
                        "2026-01-01",
                        true))
                : Optional.empty();
          }

          @Override
          public Set<String> names() {
            return Set.of("payments", "platform");
          }
        };
    handler = handler(registry);
    assertThat(page("/teams/payments"))
        .contains("<h1>Team Payments &amp; Billing</h1>")
        .contains("PXYZ123")
        .contains(
            "<a href=\"https://wiki.example.com/payments\" rel=\"noopener noreferrer"
                + " nofollow\">handbook</a>")
        .contains("reviewed 2026-01-01 (review due)");
    // A registered team that owns nothing yet still has a page.
    assertThat(page("/teams/platform")).contains("<h1>Team platform</h1>");
    String card = page("/workloads/storefront/deployment/checkout");
    assertThat(card)
        .contains("(Payments &amp; Billing)")
        .contains("reviewed 2026-01-01 (review due)");
    // The Team's on-call follows the service's paging contact.
    assertThat(card.indexOf("example.pagerduty.com")).isLessThan(card.indexOf("PXYZ123"));
  }

  @Test
  void servicePageShowsTheServiceOwnershipItsWorkloadsConflictsAndConditions() {
    String html = page("/services/storefront/checkout");
    assertThat(html)
        .contains("<h1>Service checkout</h1>")
        .contains("<a href=\"/teams/payments\">payments</a>")
        .contains("Checkout API that turns carts into orders")
        .contains("<dd data-field=\"tier\">1</dd>")
        .contains("<dd data-field=\"lifecycle\">production</dd>")
        .contains("<dd data-field=\"selector\">app=checkout</dd>")
        .contains(
            "<a href=\"mailto:payments@example.com\" rel=\"noopener noreferrer"
                + " nofollow\">payments@example.com</a>")
        .contains("availability 99.9% over 30d")
        .contains(
            "<a href=\"/workloads/storefront/deployment/checkout\">Deployment"
                + " checkout</a></td><td><span class=\"status"
                + " status-owned\">owned</span></td><td><a"
                + " href=\"/teams/payments\">payments</a></td><td>yes</td>")
        .contains(
            "Deployment checkout-canary</a></td><td><span class=\"status"
                + " status-conflict\">conflict</span></td><td><a"
                + " href=\"/teams/growth\">growth</a></td><td>no</td>")
        .contains(
            "Deployment storefront/checkout-canary: label team=growth overrides ServiceOwnership"
                + " checkout (team payments)")
        .contains("<td>Ready</td><td>True</td><td>Reconciled</td><td>Owns 1 workload.</td>");
  }

  @Test
  void namespacePageShowsModeCoverageAndHowToFixEachUnownedWorkload() {
    String html = page("/namespaces/sandbox");
    assertThat(html)
        .contains("<dd data-field=\"enforcement\">off</dd>")
        .contains("0.0% — 0 owned, 1 unowned, 0 in conflict")
        .contains(
            "<a href=\"/workloads/sandbox/deployment/scratch\">Deployment scratch</a><div"
                + " class=\"fix\">Deployment sandbox/scratch has no owner. Add label"
                + " ownership.dev/team=&lt;team&gt;, or make a ServiceOwnership in namespace"
                + " sandbox select it (existing: evil selects app=evil).</div>")
        .contains(
            "Suggested: mallory (low confidence): label app &quot;evil-worker&quot; shares the"
                + " selector label app=evil of ServiceOwnership sandbox/evil (team mallory)");
    assertThat(page("/namespaces/payments"))
        .contains("<dd data-field=\"team\"><a href=\"/teams/payments\">payments</a></dd>")
        .contains("100.0% — 2 owned");
  }

  @Test
  void workloadPageIsTheWhoCard() {
    String html = page("/workloads/storefront/deployment/checkout");
    assertThat(html)
        .contains("<h1>Deployment storefront/checkout</h1>")
        .contains("<dd data-field=\"status\"><span class=\"status status-owned\">owned</span></dd>")
        .contains("<dd data-field=\"team\"><a href=\"/teams/payments\">payments</a></dd>")
        .contains(
            "<dd data-field=\"source\"><a"
                + " href=\"/services/storefront/checkout\">ServiceOwnership/checkout</a></dd>")
        .contains(
            "<dd data-field=\"on-call\"><span class=\"contact-type\">pagerduty</span> <a"
                + " href=\"https://example.pagerduty.com/PCHK001\"")
        .contains(
            "<dd data-field=\"runbook\"><a href=\"https://runbooks.example.com/checkout\""
                + " rel=\"noopener noreferrer"
                + " nofollow\">https://runbooks.example.com/checkout</a></dd>");
    // On call, then contacts, then the runbook before other links.
    assertThat(html.indexOf("data-field=\"on-call\""))
        .isLessThan(html.indexOf("data-field=\"contact\""));
    assertThat(html.indexOf("data-field=\"runbook\""))
        .isLessThan(html.indexOf("data-field=\"link\""));
    assertThat(page("/workloads/storefront/deploy/checkout")).isEqualTo(html);
    assertThat(page("/workloads/sandbox/deployment/scratch"))
        .contains("<dd data-field=\"fix\">Deployment sandbox/scratch has no owner. Add label")
        .contains("<dd data-field=\"suggestion\">mallory (low confidence): label app");
  }

  @Test
  void unknownTeamsServicesNamespacesAndWorkloadsAre404Pages() {
    for (String path :
        List.of(
            "/teams/nobody",
            "/services/storefront/nope",
            "/services/nope/checkout",
            "/namespaces/nope",
            "/workloads/storefront/deployment/nope",
            "/workloads/payments/job/settlement-29000000",
            "/workloads/storefront/configmap/checkout",
            "/teams",
            "/nothing/here",
            "/static/secrets.txt")) {
      CatalogResponse response = get(path);
      assertThat(response.status()).as(path).isEqualTo(404);
    }
    assertThat(get("/teams/nobody").text())
        .contains("No team nobody owns anything or is named here");
    assertThat(get("/teams/%3Cscript%3Ealert(1)%3C%2Fscript%3E").text())
        .contains("No team &lt;script&gt;alert(1)&lt;/script&gt; owns")
        .doesNotContain("<script>alert");
  }

  @Test
  void everyClusterValueIsEscapedAndOnlySafeUrlsAreLinks() {
    String html = page("/services/sandbox/evil");
    assertThat(html)
        .doesNotContain(SCRIPT)
        .doesNotContain("<img")
        .contains(
            "Harmless &lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x"
                + " onerror=&quot;alert(2)&quot;&gt;")
        .doesNotContain("href=\"javascript:")
        .doesNotContain("href=\"data:")
        .contains("javascript:alert(3) (&lt;b&gt;click&lt;/b&gt;)")
        .contains("&quot; onmouseover=&quot;alert(4)")
        .contains("runbook javascript:alert(5)")
        .contains(
            "<a href=\"https://example.com/?a=1&amp;b=2\" rel=\"noopener noreferrer"
                + " nofollow\">ok</a>")
        .contains("invalid https://example.com/&lt;2&gt;");
    // The only scripts on any page are the catalog's own file.
    for (String path : List.of("/", "/teams/mallory", "/namespaces/sandbox", "/?q=harmless")) {
      assertThat(page(path).split("<script", -1)).as(path).hasSize(2);
    }
  }

  @Test
  void longValuesAreBounded() {
    ServiceOwnership huge =
        Manifests.serviceOwnership("sandbox", "huge", "mallory", Map.of("app", "huge"));
    huge.getSpec().setDescription("x".repeat(100_000));
    source.serviceOwnership(huge);
    String html = page("/services/sandbox/huge");
    assertThat(html)
        .contains("x".repeat(Html.LONG - 1) + "…")
        .doesNotContain("x".repeat(Html.LONG + 1));
    assertThat(html.length()).isLessThan(20_000);
  }

  @Test
  void workloadsApiFiltersByNamespaceTeamAndStatus() throws Exception {
    JsonNode all = api("/api/v1/workloads");
    assertThat(all.path("count").asInt()).isEqualTo(6);
    JsonNode unowned = api("/api/v1/workloads?status=unowned");
    assertThat(unowned.path("count").asInt()).isEqualTo(1);
    JsonNode scratch = unowned.at("/items/0");
    assertThat(scratch.path("name").asText()).isEqualTo("scratch");
    assertThat(scratch.path("suggestion").asText()).startsWith("mallory (low confidence)");
    assertThat(scratch.path("url").asText()).isEqualTo("/workloads/sandbox/deployment/scratch");
    JsonNode payments = api("/api/v1/workloads?team=payments&namespace=storefront");
    assertThat(payments.path("count").asInt()).isEqualTo(1);
    assertThat(payments.at("/items/0/service/serviceOwnership").asText()).isEqualTo("checkout");
    assertThat(payments.at("/items/0/onCall/0/type").asText()).isEqualTo("pagerduty");
    assertThat(api("/api/v1/workloads?status=conflict").at("/items/0/name").asText())
        .isEqualTo("checkout-canary");
  }

  @Test
  void teamsApiCountsServicesAndWorkloads() throws Exception {
    JsonNode teams = api("/api/v1/teams");
    assertThat(teams.path("count").asInt()).isEqualTo(4);
    JsonNode payments = teams.path("items").get(2);
    assertThat(payments.path("name").asText()).isEqualTo("payments");
    assertThat(payments.path("services").asInt()).isEqualTo(1);
    assertThat(payments.path("workloads").asInt()).isEqualTo(3);
    assertThat(payments.path("namespaces").toString()).isEqualTo("[\"payments\",\"storefront\"]");
    assertThat(payments.path("url").asText()).isEqualTo("/teams/payments");
    assertThat(api("/api/v1/teams?namespace=payments").path("count").asInt()).isEqualTo(1);
    assertThat(api("/api/v1/teams?team=growth").at("/items/0/tally/conflict").asInt()).isEqualTo(1);
  }

  @Test
  void servicesApiCarriesSpecWorkloadsAndConditions() throws Exception {
    JsonNode services = api("/api/v1/services?namespace=storefront");
    assertThat(services.path("count").asInt()).isEqualTo(1);
    JsonNode checkout = services.at("/items/0");
    assertThat(checkout.path("team").asText()).isEqualTo("payments");
    assertThat(checkout.path("selector").asText()).isEqualTo("app=checkout");
    assertThat(checkout.path("workloads")).hasSize(2);
    assertThat(checkout.at("/workloads/0/ownedByThis").asBoolean()).isTrue();
    assertThat(checkout.at("/conditions/0/reason").asText()).isEqualTo("Reconciled");
    assertThat(api("/api/v1/services?team=mallory").path("count").asInt()).isEqualTo(1);
    assertThat(api("/api/v1/services?status=conflict").at("/items/0/workloads").toString())
        .contains("checkout-canary")
        .doesNotContain("\"name\":\"checkout\"");
  }

  @Test
  void badApiRequestsGetAOneLineJsonError() throws Exception {
    CatalogResponse badStatus = get("/api/v1/workloads?status=lost");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(api("/api/v1/workloads?status=lost").path("error").asText())
        .isEqualTo("status: 'lost' is not one of owned, unowned, conflict");
    assertThat(get("/api/v1/teams?colour=red").status()).isEqualTo(400);
    assertThat(api("/api/v1/teams?colour=red").path("error").asText())
        .contains("unknown query parameter 'colour'");
    assertThat(get("/api/v1/workloads?namespace=Not_A_Namespace").status()).isEqualTo(400);
    assertThat(get("/api/v2/teams").status()).isEqualTo(404);
    assertThat(get("/api/v1/pods").status()).isEqualTo(404);
  }

  @Test
  void onlyGetAndHeadAreServed() {
    assertThat(handler.handle(CatalogRequest.of("POST", "/", null)).status()).isEqualTo(405);
    assertThat(handler.handle(CatalogRequest.of("HEAD", "/", null)).status()).isEqualTo(200);
  }

  @Test
  void staticFilesAreServedWithTheirTypes() {
    assertThat(get("/static/catalog.css").contentType()).isEqualTo("text/css; charset=utf-8");
    CatalogResponse js = get("/static/catalog.js");
    assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
    assertThat(js.text()).contains("getElementById(\"q\")");
  }

  @Test
  void resolutionsAreReusedUntilTheSourceChanges() {
    page("/");
    int reads = source.workloadReads;
    page("/teams/payments");
    page("/namespaces/storefront");
    page("/workloads/storefront/deployment/checkout");
    assertThat(source.workloadReads).as("no re-resolution while nothing changed").isEqualTo(reads);

    source.workload(WorkloadKind.DEPLOYMENT, "sandbox", "toy", Map.of("team", "lab"));
    assertThat(page("/teams/lab")).contains("Deployment toy");
    assertThat(source.workloadReads).isGreaterThan(reads);
    assertThat(new WorkloadRef(WorkloadKind.DEPLOYMENT, "sandbox", "toy").toString())
        .isEqualTo("Deployment sandbox/toy");
  }
}
