package dev.ownership.operator.cli;

import static dev.ownership.operator.cli.AuditCommandTest.audit;
import static dev.ownership.operator.cli.AuditCommandTest.auditWithStdin;
import static dev.ownership.operator.cli.AuditCommandTest.deployment;
import static dev.ownership.operator.cli.AuditCommandTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.cli.AuditCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `audit` with Team documents in its input: the registry of INTERFACE §8, offline. */
class AuditTeamsTest {
  static final String PAYMENTS =
      "apiVersion: ownership.dev/v1alpha1\n"
          + "kind: Team\n"
          + "metadata:\n"
          + "  name: payments\n"
          + "spec:\n"
          + "  aliases: [pay, team-payments]\n"
          + "  contacts:\n"
          + "  - {type: pagerduty, value: PXYZ123, onCall: true}\n"
          + "  reviewedAt: \"2026-11-01\"\n";

  /** Namespace shop: team payments by its label, mode warn (the default). */
  static final String SHOP =
      "apiVersion: v1\n"
          + "kind: Namespace\n"
          + "metadata:\n"
          + "  name: shop\n"
          + "  labels: {ownership.dev/team: payments}\n";

  @TempDir Path dir;

  @Test
  void anAliasIsWrittenAsTheTeamsName() throws Exception {
    Path teams = write("teams.yaml", PAYMENTS);
    Path app = write("app.yaml", deployment("shop", "checkout", "team: pay"));
    Run run = audit(teams.toString(), app.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().findFirst().orElseThrow()).endsWith("SOURCE   REGISTRY");
    assertThat(run.rows())
        .containsExactly(
            row(
                "shop",
                "Deployment",
                "checkout",
                "owned",
                "allowed",
                "payments",
                "label",
                "alias pay"));
    assertThat(run.err()).doesNotContain("unknown-team");

    JsonNode json = audit("-o", "json", teams.toString(), app.toString()).json();
    JsonNode checkout = json.at("/workloads/0");
    assertThat(checkout.path("team").asText()).isEqualTo("payments");
    assertThat(checkout.at("/aliases/pay").asText()).isEqualTo("payments");
    assertThat(checkout.path("unknownTeams")).isEmpty();
    assertThat(json.at("/summary/teamRegistry/inUse").asBoolean()).isTrue();
    assertThat(json.at("/summary/teamRegistry/teams").asInt()).isEqualTo(1);
  }

  @Test
  void aTypoIsReportedWithItsSuggestionInTextAndJson() throws Exception {
    Path input =
        write("all.yaml", PAYMENTS + "---\n" + deployment("shop", "refunds", "team: paymnts"));
    Run run = audit(input.toString());
    // warn: the typo still owns, as in the cluster; the default gate passes.
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.rows())
        .containsExactly(
            row(
                "shop",
                "Deployment",
                "refunds",
                "owned",
                "warned",
                "paymnts",
                "label",
                "unknown paymnts (did you mean payments?)"));
    assertThat(run.err())
        .contains(
            "unknown-team: Deployment shop/refunds: team paymnts (label team) is not a registered"
                + " Team; did you mean payments? [webhook: warned (warn)]\n"
                + "  at "
                + input
                + ": document 2, line 20\n"
                + "  fix: write payments instead, or add a Team named paymnts (kind: Team)\n")
        .contains("1 Team (registry warn): 1 with an unknown team; --fail-on enforce: passed");

    JsonNode json = audit("-o", "json", input.toString()).json();
    JsonNode unknown = json.at("/workloads/0/unknownTeams/0");
    assertThat(unknown.path("value").asText()).isEqualTo("paymnts");
    assertThat(unknown.path("where").asText()).isEqualTo("label team");
    assertThat(unknown.path("didYouMean")).extracting(JsonNode::asText).containsExactly("payments");
    assertThat(unknown.path("message").asText()).endsWith("did you mean payments?");
    assertThat(json.at("/workloads/0/findings/0/rule").asText()).isEqualTo("unknown-team");
    assertThat(json.at("/workloads/0/findings/0/line").asInt()).isEqualTo(20);
    assertThat(json.at("/summary/teamRegistry/unknownTeams").asInt()).isEqualTo(1);

    // The webhook warns about an unknown team: --fail-on warn fails on it.
    Run warn = audit("--fail-on", "warn", input.toString());
    assertThat(warn.exitCode()).isEqualTo(1);
    assertThat(warn.err()).contains("--fail-on warn: 1 failing");
    // Far from every Team: no suggestion, and the hint says to register it.
    Path far = write("far.yaml", PAYMENTS + "---\n" + deployment("shop", "x", "team: zzzzzz"));
    assertThat(audit(far.toString()).err())
        .contains("is not a registered Team; no registered team is close")
        .contains("fix: name a registered Team, or add a Team named zzzzzz (kind: Team)");
  }

  @Test
  void anEnforcedRegistryLetsTheWorkloadFallThroughToTheNextRule() throws Exception {
    String claim =
        "apiVersion: ownership.dev/v1alpha1\n"
            + "kind: ServiceOwnership\n"
            + "metadata: {name: refunds, namespace: shop}\n"
            + "spec:\n"
            + "  team: ghost\n"
            + "  selector: {matchLabels: {app: refunds}}\n";
    Path input =
        write(
            "all.yaml",
            String.join(
                "---\n",
                PAYMENTS,
                SHOP,
                claim,
                deployment("shop", "refunds", "{app: refunds, team: paymnts}")));
    Run warn = audit(input.toString());
    // warn: the label (unknown) still wins, and the ServiceOwnership disagrees with it.
    assertThat(warn.rows())
        .containsExactly(
            row(
                "shop",
                "Deployment",
                "refunds",
                "conflict",
                "warned",
                "paymnts",
                "label",
                "unknown paymnts (did you mean payments?); unknown ghost (no registered team is"
                    + " close)"));

    Run enforce = audit("--team-registry", "enforce", input.toString());
    // enforce: the label and the ServiceOwnership own nothing; the namespace's team does.
    assertThat(enforce.rows())
        .extracting(r -> r.subList(3, 8))
        .containsExactly(
            row(
                "owned",
                "warned",
                "payments",
                "namespace",
                "unknown paymnts (did you mean payments?); unknown ghost (no registered team is"
                    + " close)"));
    assertThat(enforce.err())
        .contains(
            "fix: write payments instead, or add a Team named paymnts (kind: Team); the registry"
                + " is enforced, so until then label team owns nothing")
        // the ServiceOwnership's spec.team line
        .contains("  at " + input + ": document 3, line 21\n")
        .contains("registry enforce");

    // Without the namespace's team there is nothing left: unowned.
    Path bare =
        write("bare.yaml", PAYMENTS + "---\n" + deployment("lab", "refunds", "team: paymnts"));
    Run unowned = audit("--team-registry", "enforce", "--fail-on", "unowned", bare.toString());
    assertThat(unowned.exitCode()).isEqualTo(1);
    assertThat(unowned.rows()).extracting(r -> r.get(3)).containsExactly("unowned");
    assertThat(unowned.err()).contains("unowned: Deployment lab/refunds has no owner");
  }

  @Test
  void noTeamInTheInputOrRegistryOffMeansNoRegistry() throws Exception {
    Path app = write("app.yaml", deployment("shop", "refunds", "team: paymnts"));
    Run alone = audit(app.toString());
    assertThat(alone.out().lines().findFirst().orElseThrow()).endsWith("SOURCE");
    assertThat(alone.rows())
        .containsExactly(
            row("shop", "Deployment", "refunds", "owned", "allowed", "paymnts", "label"));
    assertThat(alone.err()).doesNotContain("unknown-team").doesNotContain("Team");

    Path teams = write("teams.yaml", PAYMENTS);
    Run off = audit("--team-registry", "off", teams.toString(), app.toString());
    assertThat(off.rows())
        .containsExactly(
            row("shop", "Deployment", "refunds", "owned", "allowed", "paymnts", "label"));
    assertThat(off.err()).doesNotContain("unknown-team");
  }

  @Test
  void teamsFromStdinJudgeTheFilesToo() throws Exception {
    Path app = write("app.yaml", deployment("shop", "checkout", "team: team-payments"));
    Run run = auditWithStdin(PAYMENTS, "-", app.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.rows())
        .containsExactly(
            row(
                "shop",
                "Deployment",
                "checkout",
                "owned",
                "allowed",
                "payments",
                "label",
                "alias team-payments"));
  }

  @Test
  void badTeamDocumentsAreInputErrorsWithFileDocumentAndLine() throws Exception {
    Path input =
        write(
            "teams.yaml",
            String.join(
                "---\n",
                "apiVersion: ownership.dev/v1alpha1\nkind: Team\nmetadata:\n  name: Payments\n",
                "apiVersion: ownership.dev/v1alpha1\nkind: Team\nmetadata:\n  name: web\n"
                    + "spec:\n  aliases:\n  - storefront\n  - Store_Front\n",
                "apiVersion: ownership.dev/v1alpha1\nkind: Team\nmetadata:\n  name: data\n"
                    + "spec:\n  contacts:\n  - {type: fax, value: '123'}\n",
                "apiVersion: ownership.dev/v1alpha1\nkind: Team\nmetadata:\n  name: search\n"
                    + "spec:\n  reviewedAt: 2026-02-30\n",
                "apiVersion: ownership.dev/v1alpha1\nkind: Team\nmetadata:\n  name: green\n",
                "apiVersion: ownership.dev/v1\nkind: Team\nmetadata:\n  name: ops\n",
                // two Teams claim one alias: it names neither
                "apiVersion: ownership.dev/v1alpha1\nkind: Team\nmetadata:\n  name: red\n"
                    + "spec: {aliases: [shared]}\n",
                "apiVersion: ownership.dev/v1alpha1\nkind: Team\nmetadata:\n  name: blue\n"
                    + "spec: {aliases: [shared], parent: nowhere}\n",
                "apiVersion: ownership.dev/v1alpha1\nkind: Team\nmetadata:\n  name: green\n"));
    Run run = audit(input.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    String at = "error: " + input + ": document ";
    assertThat(run.err().lines().filter(l -> l.startsWith("error: ")))
        .containsExactly(
            at
                + "1, line 4: Team Payments is invalid: metadata.name is the team name, so it must"
                + " be a DNS-1123 label: 1 to 63 lower-case letters, digits or '-', starting and"
                + " ending with a letter or digit",
            at
                + "2, line 13: Team web is invalid: spec.aliases[1] 'Store_Front' must be a"
                + " DNS-1123 label: 1 to 63 lower-case letters, digits or '-', starting and ending"
                + " with a letter or digit",
            at
                + "3, line 21: Team data is invalid: does not match the Team schema: Cannot"
                + " deserialize value of type `dev.ownership.operator.api.ContactType` from String"
                + " \"fax\": not one of the values accepted for Enum class: "
                + contactTypes(run.err()),
            at
                + "4, line 28: Team search is invalid: spec.reviewedAt '2026-02-30' is not a date"
                + " (YYYY-MM-DD)",
            at
                + "6, line 35: Team ops is invalid: apiVersion ownership.dev/v1 is not served; use"
                + " ownership.dev/v1alpha1",
            at
                + "7, line 40: Team red: alias shared is also claimed by Team blue: such an alias"
                + " names neither Team until one lets it go",
            at
                + "8, line 46: Team blue: alias shared is also claimed by Team red: such an alias"
                + " names neither Team until one lets it go",
            at
                + "9, line 55: Team green is defined twice (first at "
                + input
                + ": document 5, line 30); keep one");
    assertThat(run.err())
        .contains(
            "note: " + input + ": document 8, line 46: Team blue: parent nowhere is not a Team");
  }

  @Test
  void aBadRegistryModeIsAUsageError() {
    Run run = audit("--team-registry", "strict", "x.yaml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--team-registry: 'strict' is not one of off, warn, enforce");
  }

  /** Jackson lists an enum's values in no fixed order: check the set, then use the text. */
  private static String contactTypes(String err) {
    int at = err.indexOf("accepted for Enum class: ");
    String list = err.substring(at + 25, err.indexOf(']', at) + 1);
    assertThat(list.substring(1, list.length() - 1).split(", "))
        .containsExactlyInAnyOrder(
            "email", "slack", "pagerduty", "opsgenie", "msteams", "url", "other");
    return list;
  }

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
