package dev.ownership.operator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.ContactType;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamContact;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.who.RegisteredTeams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog with the Team registry in use: pages and JSON show the Team's display name, on-call,
 * contacts, links and review state; aliases lead to the Team; unknown team values say what they
 * probably meant; registered teams that own nothing are listed.
 */
class CatalogTeamsTest {
  static final String HOSTILE_NAME = "<script>window.__pwned=1</script>\nPayments";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

  InMemoryCatalogSource source;
  List<Team> teams;
  TeamRegistry registry;
  CatalogHandler handler;

  @BeforeEach
  void seed() {
    source =
        new InMemoryCatalogSource()
            .namespace("shop", Map.of())
            .namespace("ledger", Map.of("ownership.dev/team", "pay"));
    ServiceOwnership checkout =
        Manifests.serviceOwnership("shop", "checkout", "pay", Map.of("app", "checkout"));
    checkout
        .getSpec()
        .setContacts(
            List.of(
                new Contact(ContactType.EMAIL, "checkout@example.com", null),
                new Contact(ContactType.OPSGENIE, "checkout-rota", null)));
    source.serviceOwnership(checkout);
    source
        .workload(WorkloadKind.DEPLOYMENT, "shop", "checkout", Map.of("app", "checkout"))
        .workload(WorkloadKind.DEPLOYMENT, "shop", "typo", Map.of("team", "paymnts"))
        .workload(WorkloadKind.DEPLOYMENT, "ledger", "books", Map.of())
        .workload(WorkloadKind.DEPLOYMENT, "shop", "orphan", Map.of("app", "orphan"));

    Team payments = Manifests.team("payments", "pay");
    payments.getSpec().setDisplayName(HOSTILE_NAME);
    payments
        .getSpec()
        .setContacts(
            List.of(
                new TeamContact(ContactType.SLACK, "#payments", null, null),
                new TeamContact(ContactType.PAGERDUTY, "PXYZ123", "Payments rota", true)));
    payments.getSpec().setLinks(List.of(new Link("handbook", "https://wiki.example.com/payments")));
    payments.getSpec().setReviewedAt("2026-11-01");
    Team platform = Manifests.team("platform");
    platform.getSpec().setReviewedAt("2025-01-15");
    Team search = Manifests.team("search");
    teams = new ArrayList<>(List.of(payments, platform, search));
    registry = TeamRegistry.of(teams, TeamRegistryMode.WARN);
    handler =
        new CatalogHandler(
            new Catalog(
                source,
                new OwnerResolver(OwnerLabelKeys.DEFAULT),
                new RegisteredTeams(() -> registry, Duration.ofDays(180), CLOCK)));
  }

  String page(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    CatalogResponse response = handler.handle(CatalogRequest.of("GET", path, query));
    assertThat(response.status()).as(pathAndQuery).isEqualTo(200);
    return response.text();
  }

  JsonNode api(String path, String query) throws Exception {
    CatalogResponse response = handler.handle(CatalogRequest.of("GET", path, query));
    assertThat(response.status()).as(path).isEqualTo(200);
    return new ObjectMapper().readTree(response.text());
  }

  @Test
  void teamPageShowsTheRegisteredTeamAndWhatItOwnsThroughItsAliases() {
    String html = page("/teams/payments");
    assertThat(html)
        .contains(
            "data-field=\"on-call\"><ul class=\"contacts\"><li><span class=\"contact-type\">"
                + "pagerduty</span> PXYZ123 (Payments rota)</li></ul>")
        .contains("<span class=\"contact-type\">slack</span> #payments")
        .contains(
            "<a href=\"https://wiki.example.com/payments\" rel=\"noopener noreferrer"
                + " nofollow\">handbook</a>")
        .contains("<dd data-field=\"review\">reviewed 2026-11-01</dd>")
        // The ServiceOwnership names the alias, the namespace label too: both are this Team's.
        .contains("<a href=\"/services/shop/checkout\">checkout</a>")
        .contains("<a href=\"/workloads/shop/deployment/checkout\">Deployment checkout</a>")
        .contains("<a href=\"/workloads/ledger/deployment/books\">Deployment books</a>")
        .doesNotContain("Deployment typo");
    // An alias answers with its Team's page.
    assertThat(page("/teams/pay"))
        .contains("<dd data-field=\"alias\">pay is an alias of payments</dd>")
        .contains("Deployment books");
  }

  @Test
  void aTeamDisplayNameIsTextWhereverItIsShown() {
    String escaped = "&lt;script&gt;window.__pwned=1&lt;/script&gt;\\nPayments";
    for (String path :
        List.of("/", "/teams/payments", "/workloads/shop/deployment/checkout", "/?q=pay")) {
      String html = page(path);
      assertThat(html).as(path).doesNotContain("<script>window").doesNotContain("\nPayments");
      if (!path.startsWith("/?")) assertThat(html).as(path).contains(escaped);
    }
    assertThat(page("/teams/payments")).contains("<h1>Team " + escaped + "</h1>");
  }

  @Test
  void theReviewStateFollowsTheReviewPeriod() {
    assertThat(page("/teams/platform"))
        .contains("<dd data-field=\"review\">reviewed 2025-01-15 (review due)</dd>");
    assertThat(page("/teams/search"))
        .contains("<dd data-field=\"review\">never reviewed (review due)</dd>");
  }

  @Test
  void registeredTeamsThatOwnNothingAreListed() throws Exception {
    assertThat(page("/"))
        .contains("<a href=\"/teams/platform\">platform</a>")
        .contains("<a href=\"/teams/search\">search</a>")
        // The alias is not a team of its own.
        .doesNotContain("<a href=\"/teams/pay\">");
    JsonNode items = api("/api/v1/teams", null).path("items");
    List<String> names = new ArrayList<>();
    items.forEach(i -> names.add(i.path("name").asText()));
    assertThat(names).containsExactly("payments", "paymnts", "platform", "search");
    assertThat(page("/teams/platform"))
        .contains("<h1>Team platform</h1>")
        .contains("No ServiceOwnership names this team.");
  }

  @Test
  void theWorkloadCardPutsOnCallFirstThenContactsServiceBeforeTeam() {
    String card = page("/workloads/shop/deployment/checkout");
    assertThat(card).contains("<a href=\"/teams/payments\">payments</a> (");
    int serviceOnCall = card.indexOf("checkout-rota");
    int teamOnCall = card.indexOf("PXYZ123");
    int serviceContact = card.indexOf("checkout@example.com");
    int teamContact = card.indexOf("#payments");
    assertThat(serviceOnCall).isPositive();
    assertThat(serviceOnCall).isLessThan(teamOnCall);
    assertThat(teamOnCall).isLessThan(serviceContact);
    assertThat(serviceContact).isLessThan(teamContact);
    assertThat(card).contains("handbook").contains("reviewed 2026-11-01");
  }

  @Test
  void anUnknownTeamValueSaysWhatItProbablyMeant() {
    assertThat(page("/workloads/shop/deployment/typo"))
        .contains(
            "<dd data-field=\"unknown-team\">team paymnts (label team) is not a registered Team;"
                + " did you mean payments?</dd>");
    assertThat(page("/teams/paymnts"))
        .contains("<dd data-field=\"registry\">Not a registered Team; did you mean payments?</dd>");
  }

  @Test
  void teamsApiCarriesTheRegistryAndAliasesFilterByTheirTeam() throws Exception {
    JsonNode payments = api("/api/v1/teams", "team=pay").path("items");
    assertThat(payments).hasSize(1);
    JsonNode team = payments.get(0);
    assertThat(team.path("name").asText()).isEqualTo("payments");
    assertThat(team.path("registered").asBoolean()).isTrue();
    assertThat(team.path("displayName").asText()).isEqualTo(HOSTILE_NAME);
    assertThat(team.path("reviewedAt").asText()).isEqualTo("2026-11-01");
    assertThat(team.path("reviewDue").asBoolean()).isFalse();
    assertThat(team.path("onCall").toString())
        .isEqualTo(
            "[{\"type\":\"pagerduty\",\"value\":\"PXYZ123\",\"name\":\"Payments rota\","
                + "\"from\":\"Team/payments\"}]");
    assertThat(team.path("contacts").get(0).path("value").asText()).isEqualTo("#payments");
    assertThat(team.path("links").toString())
        .isEqualTo("[{\"name\":\"handbook\",\"url\":\"https://wiki.example.com/payments\"}]");
    assertThat(team.path("services").asInt()).isEqualTo(1);
    assertThat(team.path("workloads").asInt()).isEqualTo(2);

    JsonNode workloads = api("/api/v1/workloads", "team=pay").path("items");
    assertThat(workloads).hasSize(2);
    assertThat(workloads.get(0).path("team").path("displayName").asText()).isEqualTo(HOSTILE_NAME);
    JsonNode services = api("/api/v1/services", "team=pay").path("items");
    assertThat(services.get(0).path("team").asText()).isEqualTo("payments");
    JsonNode platform = api("/api/v1/teams", "team=platform").path("items").get(0);
    assertThat(platform.path("reviewDue").asBoolean()).isTrue();
    assertThat(platform.path("workloads").asInt()).isZero();
  }

  @Test
  void anUnownedWorkloadShowsItsSuggestionOnTheNamespaceAndWorkloadPages() {
    // typo's team is not registered, so it ties nothing: payments owns all the namespace's rest.
    assertThat(page("/workloads/shop/deployment/orphan"))
        .contains(
            "<dd data-field=\"suggestion\">payments (low confidence): team payments owns 1 of the 1"
                + " owned workloads in namespace shop");
    source.workload(WorkloadKind.DEPLOYMENT, "shop", "checkout-worker", Map.of("app", "worker"));
    assertThat(page("/namespaces/shop"))
        .contains("<div class=\"suggestion\">Suggested: payments (")
        .contains("name &quot;checkout-worker&quot; shares the selector label app=checkout");
    assertThat(page("/workloads/shop/deployment/checkout-worker"))
        .contains("<dd data-field=\"suggestion\">payments (");
  }

  @Test
  void aNewAliasIsUsedOnceTheSourceMoves() {
    assertThat(page("/workloads/shop/deployment/typo")).contains("unknown-team");
    Team payments = teams.get(0);
    payments.getSpec().setAliases(List.of("pay", "paymnts"));
    registry = TeamRegistry.of(teams, TeamRegistryMode.WARN);
    source.namespace("other", Map.of()); // what a teamsChanged does to the cache's version
    assertThat(page("/workloads/shop/deployment/typo"))
        .doesNotContain("unknown-team")
        .contains("<a href=\"/teams/payments\">payments</a>");
    assertThat(Set.copyOf(registry.teamsWithAliasConflicts())).isEmpty();
  }
}
