package dev.ownership.operator.cli;

import dev.ownership.operator.ownership.Dns1123;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.text.SafeText;
import dev.ownership.operator.who.CardJson;
import dev.ownership.operator.who.CardText;
import dev.ownership.operator.who.ClusterReader;
import dev.ownership.operator.who.ClusterTeams;
import dev.ownership.operator.who.OwnerCards;
import dev.ownership.operator.who.ReadFailure;
import dev.ownership.operator.who.SuggestionSource;
import dev.ownership.operator.who.Target;
import dev.ownership.operator.who.TeamAnswer;
import dev.ownership.operator.who.WhoAnswer;
import dev.ownership.operator.who.WhoLookup;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "who",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Who owns this, and how to reach them: follows controller owner references from a pod,"
          + " ReplicaSet, Service or workload",
      "to its workloads and prints one card per workload (team, source, status, service, on-call,"
          + " contacts, runbook, SLOs).",
      "Resolves exactly as the operator does, from what it reads (Teams included), so it is right"
          + " before the operator has written anything.",
      "As a kubectl plugin: kubectl ownership who pod/NAME."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:owned",
      "1:unowned or in conflict (or nothing owns the target)",
      "2:not found, forbidden or another error"
    })
public final class WhoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "TARGET",
      arity = "0..2",
      description =
          "KIND/NAME or KIND NAME; KIND is pod (po), replicaset (rs), deployment (deploy),"
              + " statefulset (sts), daemonset (ds), job, cronjob (cj) or service (svc).")
  List<String> target = new ArrayList<>();

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace of the target. Default: the kubeconfig context's, else default.")
  String namespace;

  @Option(
      names = "--team",
      paramLabel = "TEAM",
      description =
          "List what this team owns, in every namespace you may list; an alias answers for its"
              + " Team.")
  String team;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  String output;

  @CommandLine.Mixin OwnerLabelKeysOption ownerLabelKeys = new OwnerLabelKeysOption();

  @Option(
      names = "--team-registry",
      defaultValue = "warn",
      paramLabel = "MODE",
      description =
          "As the operator's flag: off (Teams are not read), warn (an unknown team still owns) or"
              + " enforce (an unknown team owns nothing). Default: ${DEFAULT-VALUE}.")
  String teamRegistry;

  @Option(
      names = "--team-review-period",
      defaultValue = "180d",
      paramLabel = "DURATION",
      description =
          "As the operator's flag: a Team reviewed longer ago than this is due for review."
              + " Default: ${DEFAULT-VALUE}.")
  String teamReviewPeriod;

  /** Null: connect with the kubeconfig (and close when done). */
  private final KubernetesClient given;

  /** Decides whether a Team's review is due. */
  private final Clock clock;

  public WhoCommand() {
    this(null);
  }

  /** For tests: read through this client and leave it open. */
  WhoCommand(KubernetesClient client) {
    this(client, Clock.systemUTC());
  }

  WhoCommand(KubernetesClient client, Clock clock) {
    this.given = client;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    boolean json =
        switch (output.trim()) {
          case "text" -> false;
          case "json" -> true;
          default ->
              throw usage("--output: '" + SafeText.of(output, 40) + "' is not one of text, json");
        };
    OwnerLabelKeys keys = ownerLabelKeys.keys(spec.commandLine());
    TeamRegistryMode registryMode =
        TeamRegistryMode.parse(teamRegistry)
            .orElseThrow(
                () ->
                    usage(
                        "--team-registry: '"
                            + SafeText.of(teamRegistry, 40)
                            + "' is not one of off, warn, enforce"));
    Duration reviewPeriod =
        DurationText.parse(teamReviewPeriod)
            .orElseThrow(
                () ->
                    usage(
                        "--team-review-period: '"
                            + SafeText.of(teamReviewPeriod, 40)
                            + "' is not a duration such as 90d or 180d"));
    Target parsed = null;
    if (team != null) {
      if (!target.isEmpty()) throw usage("give either TARGET or --team, not both");
      if (!Dns1123.isLabel(team)) {
        throw usage("--team: '" + SafeText.of(team, 80) + "' is not " + Dns1123.RULE);
      }
    } else {
      if (target.isEmpty())
        throw usage("nothing to look up: give TARGET (e.g. pod/NAME) or --team TEAM");
      try {
        parsed = Target.parse(target);
      } catch (IllegalArgumentException e) {
        throw usage("TARGET: " + e.getMessage());
      }
    }
    if (namespace != null && !Dns1123.isLabel(namespace)) {
      throw usage("--namespace: '" + SafeText.of(namespace, 80) + "' is not a namespace name");
    }

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KubernetesClient client = null;
    try {
      client = given != null ? given : kubeconfigClient();
      ClusterReader reader = new ClusterReader(client);
      String ns = namespace != null ? namespace : reader.defaultNamespace();
      ClusterTeams teams = ClusterTeams.read(reader, registryMode, reviewPeriod, clock);
      WhoLookup lookup =
          new WhoLookup(
              reader,
              new OwnerResolver(keys),
              new OwnerCards(keys, teams.directory(), SuggestionSource.NONE),
              teams.notes());
      if (parsed == null) {
        TeamAnswer answer = lookup.team(team, ns);
        if (json) CardJson.print(CardJson.team(answer), out);
        else CardText.team(answer, out);
        answer.notes().forEach(n -> err.println("note: " + n));
        if (!answer.found()) {
          err.println(
              "error: team "
                  + team
                  + " owns nothing and no ServiceOwnership names it, in the namespaces searched");
        }
        err.flush();
        return answer.exitCode();
      }
      WhoAnswer answer = lookup.lookup(parsed, ns);
      if (json) CardJson.print(CardJson.answer(answer), out);
      else CardText.answer(answer, out);
      answer.notes().forEach(n -> err.println("note: " + n));
      err.flush();
      return answer.exitCode();
    } catch (ReadFailure e) {
      return fail(err, e.getMessage(), e);
    } catch (RuntimeException e) {
      // A kubeconfig that cannot be read, a client that cannot be built: still one line.
      return fail(
          err, "cannot use the kubeconfig: " + SafeText.of(String.valueOf(e.getMessage()), 200), e);
    }
  }

  private int fail(PrintWriter err, String message, Exception e) {
    err.println("error: " + message);
    if (Verbosity.requested(spec.commandLine())) e.printStackTrace(err);
    err.flush();
    return WhoAnswer.NOT_FOUND_OR_ERROR;
  }

  /**
   * The usual kubeconfig lookup, but failing fast: a CLI should say "unreachable" in seconds, not
   * retry for a minute.
   */
  static KubernetesClient kubeconfigClient() {
    Config config = Config.autoConfigure(null);
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(10_000);
    config.setRequestTimeout(30_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
