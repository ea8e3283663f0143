package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.ContactType;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamContact;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Controllers;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code who} with the Team registry on the CRUD mock: aliases answer for their Team, an unknown
 * team value says what it probably meant, the card shows the Team's display name, on-call,
 * contacts, links and review state, and a forbidden list of Teams degrades to a note.
 */
@EnableKubernetesMockClient(crud = true)
class WhoTeamsTest {
  static final String NS = "shop";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

  KubernetesMockServer server;
  KubernetesClient client;
  Controllers controllers;

  WhoCommandTest.Run who(String... args) {
    CommandLine cli =
        new CommandLine(
            new OwnershipCli(),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                if (type == WhoCommand.class) return type.cast(new WhoCommand(client, CLOCK));
                return CommandLine.defaultFactory().create(type);
              }
            });
    cli.setExitCodeExceptionMapper(e -> 2);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] whoArgs = new String[args.length + 1];
    whoArgs[0] = "who";
    System.arraycopy(args, 0, whoArgs, 1, args.length);
    int code = cli.execute(whoArgs);
    return new WhoCommandTest.Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void seed() throws Exception {
    new MockCluster(server, client).withCrd();
    controllers = new Controllers(client);
    controllers.create(Manifests.namespace(NS, Map.of()));
    Team payments = Manifests.team("payments", "pay");
    payments.getSpec().setDisplayName("Payments\n<b>");
    payments
        .getSpec()
        .setContacts(
            List.of(
                new TeamContact(ContactType.SLACK, "#payments", null, null),
                new TeamContact(ContactType.PAGERDUTY, "PXYZ123", "Payments rota", true)));
    payments.getSpec().setLinks(List.of(new Link("handbook", "https://wiki.example.com/payments")));
    payments.getSpec().setReviewedAt("2026-11-01");
    client.resource(payments).create();
    Team platform = Manifests.team("platform");
    platform.getSpec().setReviewedAt("2025-01-15");
    client.resource(platform).create();

    ServiceOwnership checkout =
        Manifests.serviceOwnership(NS, "checkout", "pay", Map.of("app", "checkout"));
    checkout
        .getSpec()
        .setContacts(
            List.of(
                new Contact(ContactType.EMAIL, "checkout@example.com", null),
                new Contact(ContactType.OPSGENIE, "checkout-rota", null)));
    controllers.create(checkout);
    controllers.create(
        Manifests.workload(
            WorkloadKind.DEPLOYMENT, NS, "checkout", Map.of(), Map.of("app", "checkout")));
    controllers.create(
        Manifests.workload(
            WorkloadKind.DEPLOYMENT, NS, "typo", Map.of("team", "paymnts"), Map.of()));
  }

  @Test
  void anAliasResolvesToItsTeamAndTheCardShowsTheTeam() {
    WhoCommandTest.Run run = who("deploy/checkout", "-n", NS);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines())
        .containsExactly(
            "Deployment shop/checkout",
            "  status      owned",
            "  team        payments (Payments\\n<b>)",
            "  source      ServiceOwnership/checkout",
            "  service     checkout",
            // On-call first: the service's paging contact, then the Team's; then the others.
            "  on-call     opsgenie   checkout-rota",
            "  on-call     pagerduty  PXYZ123 (Payments rota)",
            "  contact     email      checkout@example.com",
            "  contact     slack      #payments",
            "  link        handbook  https://wiki.example.com/payments",
            "  review      reviewed 2026-11-01");
  }

  @Test
  void anUnknownTeamSaysWhatItProbablyMeantAndEnforceMakesItNoOwner() {
    WhoCommandTest.Run warn = who("deploy/typo", "-n", NS);
    assertThat(warn.exitCode()).as(warn.err()).isZero();
    assertThat(warn.out())
        .contains("  team        paymnts\n")
        .contains(
            "  unknown     team paymnts (label team) is not a registered Team; did you mean"
                + " payments?\n");

    WhoCommandTest.Run enforce = who("deploy/typo", "-n", NS, "--team-registry", "enforce");
    assertThat(enforce.exitCode()).isEqualTo(1);
    assertThat(enforce.out())
        .contains("  status      unowned\n")
        .contains("did you mean payments?");

    WhoCommandTest.Run off = who("deploy/typo", "-n", NS, "--team-registry", "off");
    assertThat(off.exitCode()).isZero();
    assertThat(off.out()).doesNotContain("unknown");
  }

  @Test
  void teamByAliasListsTheCanonicalTeam() {
    WhoCommandTest.Run run = who("--team", "pay");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().toList())
        .startsWith(
            "Team payments (Payments\\n<b>): 1 workload(s), 1 ServiceOwnership(s)",
            "  on-call     pagerduty  PXYZ123 (Payments rota)",
            "  contact     slack      #payments",
            "  link        handbook  https://wiki.example.com/payments",
            "  review      reviewed 2026-11-01",
            "  service     shop/checkout  checkout");
    assertThat(run.err()).isEqualTo("note: pay is an alias of Team payments\n");
  }

  @Test
  void teamWithAnUnknownNameSuggestsTheClosestAndExitsTwo() {
    WhoCommandTest.Run run = who("--team", "paymentz");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("note: paymentz is not a registered Team; did you mean payments?\n")
        .contains("error: team paymentz owns nothing");
  }

  @Test
  void theReviewStateFollowsTheReviewPeriod() {
    assertThat(who("--team", "platform").out())
        .contains("  review      reviewed 2025-01-15 (review due)\n");
    assertThat(who("--team", "platform", "--team-review-period", "800d").out())
        .contains("  review      reviewed 2025-01-15\n");
    WhoCommandTest.Run bad = who("--team", "platform", "--team-review-period", "soon");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--team-review-period: 'soon' is not a duration");
  }

  @Test
  void jsonCarriesTheTeam() throws Exception {
    JsonNode card = who("deploy/checkout", "-n", NS, "-o", "json").json().path("workloads").get(0);
    assertThat(card.path("team").toString())
        .isEqualTo(
            "{\"name\":\"payments\",\"registered\":true,\"displayName\":\"Payments\\n<b>\","
                + "\"reviewedAt\":\"2026-11-01\",\"reviewDue\":false}");
    assertThat(card.path("onCall").findValuesAsText("from"))
        .containsExactly("ServiceOwnership/checkout", "Team/payments");

    JsonNode team = who("--team", "pay", "-o", "json").json();
    assertThat(team.path("team").path("name").asText()).isEqualTo("payments");
    assertThat(team.path("team").path("links").get(0).path("name").asText()).isEqualTo("handbook");
    assertThat(team.path("notes").get(0).asText()).isEqualTo("pay is an alias of Team payments");

    JsonNode typo = who("deploy/typo", "-n", NS, "-o", "json").json().path("workloads").get(0);
    assertThat(typo.path("unknownTeams").get(0).asText()).endsWith("did you mean payments?");
  }

  @Test
  void aForbiddenListOfTeamsDegradesToANote() throws Exception {
    server
        .expect()
        .get()
        .withPath("/apis/ownership.dev/v1alpha1/teams")
        .andReturn(
            403,
            new StatusBuilder()
                .withStatus("Failure")
                .withReason("Forbidden")
                .withCode(403)
                .withMessage(
                    "teams.ownership.dev is forbidden: User \"bob\" cannot list resource \"teams\""
                        + " in API group \"ownership.dev\" at the cluster scope")
                .build())
        .always();

    WhoCommandTest.Run run = who("deploy/checkout", "-n", NS);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("  team        pay\n").doesNotContain("PXYZ123");
    assertThat(run.err())
        .isEqualTo(
            "note: forbidden: User \"bob\" may not list teams.ownership.dev at the cluster scope;"
                + " the ClusterRole ownership-viewer (aggregated into view) grants what who reads;"
                + " answering without the Team registry (no Team contacts, aliases not"
                + " resolved)\n");
  }
}
