package dev.ownership.operator.catalog;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.who.OwnerCard;
import dev.ownership.operator.who.TeamCard;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog's HTML pages. Server-rendered and complete without JavaScript (the script only
 * filters tables as one types). Each returns empty when what it shows does not exist.
 */
final class CatalogPages {
  /** Rows per table; beyond that the page says how many more and points to search or the API. */
  static final int MAX_ROWS = 500;

  /** Results per kind of match in a search. */
  static final int MAX_RESULTS = 50;

  private final Catalog catalog;

  CatalogPages(Catalog catalog) {
    this.catalog = catalog;
  }

  // ---- / -------------------------------------------------------------------------------------

  String overview(String query) {
    CatalogIndex index = catalog.index();
    Html h = new Html();
    String q = query == null ? "" : query.strip();
    if (!q.isEmpty()) search(h, index, q);

    Tally total = index.total();
    h.tag("<section id=\"coverage\"><h2>Coverage</h2><p class=\"coverage\">")
        .tag("<strong>")
        .text(total.coverageText())
        .tag("</strong> of ")
        .text(String.valueOf(total.total()))
        .tag(" workloads have an owner: ")
        .text(
            total.owned()
                + " owned, "
                + total.unowned()
                + " unowned, "
                + total.conflict()
                + " in conflict")
        .tag(", in ")
        .text(String.valueOf(index.namespaces().size()))
        .tag(" namespaces.</p></section>");

    List<ServiceOwnership> services = catalog.serviceOwnerships();
    Map<String, Integer> servicesPerTeam = new java.util.HashMap<>();
    for (ServiceOwnership so : services) {
      String team = catalog.teamOf(so);
      if (team != null) servicesPerTeam.merge(team, 1, Integer::sum);
    }
    h.tag("<section id=\"teams\"><h2>Teams</h2>");
    table(h, "teams", "Team", "Display name", "Services", "Workloads", "In conflict");
    int rows = 0;
    List<String> teams = List.copyOf(catalog.teamNames(index));
    for (String team : teams) {
      if (rows++ == MAX_ROWS) break;
      List<WorkloadRef> owned = index.ownedBy(team);
      long conflicts =
          owned.stream()
              .filter(r -> index.entry(r).resolution().status() == OwnershipStatus.CONFLICT)
              .count();
      int named = servicesPerTeam.getOrDefault(team, 0);
      h.tag("<tr><td>").link(Paths.team(team), team).tag("</td><td>");
      catalog.teams().team(team).map(TeamCard::displayName).ifPresent(h::text);
      h.tag("</td><td>")
          .text(String.valueOf(named))
          .tag("</td><td>")
          .text(String.valueOf(owned.size()))
          .tag("</td><td>")
          .text(String.valueOf(conflicts))
          .tag("</td></tr>");
    }
    endTable(h, teams.size());
    h.tag("</section>");

    h.tag("<section id=\"services\"><h2>Services</h2>");
    servicesTable(h, index, services);
    h.tag("</section>");

    h.tag("<section id=\"unowned\"><h2>Namespaces with unowned workloads</h2>");
    List<String> withUnowned =
        index.namespaces().stream().filter(ns -> index.tally(ns).unowned() > 0).toList();
    if (withUnowned.isEmpty()) {
      h.tag("<p>None: every workload has an owner.</p>");
    } else {
      table(h, "namespaces", "Namespace", "Enforcement", "Unowned", "Workloads", "Coverage");
      for (String ns : withUnowned.subList(0, Math.min(MAX_ROWS, withUnowned.size()))) {
        Tally t = index.tally(ns);
        h.tag("<tr><td>")
            .link(Paths.namespace(ns), ns)
            .tag("</td><td>")
            .text(catalog.source().enforcementMode(ns).value())
            .tag("</td><td>")
            .text(String.valueOf(t.unowned()))
            .tag("</td><td>")
            .text(String.valueOf(t.total()))
            .tag("</td><td>")
            .text(t.coverageText())
            .tag("</td></tr>");
      }
      endTable(h, withUnowned.size());
    }
    h.tag("</section>");
    return layout(q.isEmpty() ? "Overview" : "Search: " + q, "Ownership catalog", h, q);
  }

  private void search(Html h, CatalogIndex index, String q) {
    String needle = q.toLowerCase(Locale.ROOT);
    h.tag("<section id=\"results\"><h2>Results for “").text(q).tag("”</h2>");
    int found = 0;
    List<String> teams = matching(List.copyOf(catalog.teamNames(index)), needle);
    found += teams.size();
    if (!teams.isEmpty()) {
      h.tag("<h3>Teams</h3><ul class=\"results\" id=\"team-results\">");
      for (String team : teams) h.tag("<li>").link(Paths.team(team), team).tag("</li>");
      h.tag("</ul>");
    }
    List<ServiceOwnership> services = new ArrayList<>();
    for (ServiceOwnership so : catalog.serviceOwnerships()) {
      if (services.size() == MAX_RESULTS) break;
      if (contains(so.getMetadata().getName(), needle) || contains(so.serviceName(), needle))
        services.add(so);
    }
    found += services.size();
    if (!services.isEmpty()) {
      h.tag("<h3>Services</h3><ul class=\"results\" id=\"service-results\">");
      for (ServiceOwnership so : services) {
        h.tag("<li>")
            .link(
                Paths.service(so.getMetadata().getNamespace(), so.getMetadata().getName()),
                so.serviceName())
            .tag(" in ")
            .text(so.getMetadata().getNamespace())
            .tag("</li>");
      }
      h.tag("</ul>");
    }
    List<String> namespaces = matching(index.namespaces(), needle);
    found += namespaces.size();
    if (!namespaces.isEmpty()) {
      h.tag("<h3>Namespaces</h3><ul class=\"results\" id=\"namespace-results\">");
      for (String ns : namespaces) h.tag("<li>").link(Paths.namespace(ns), ns).tag("</li>");
      h.tag("</ul>");
    }
    List<WorkloadRef> workloads = new ArrayList<>();
    for (WorkloadRef ref : index.all()) {
      if (workloads.size() == MAX_RESULTS) break;
      if (contains(ref.name(), needle)) workloads.add(ref);
    }
    found += workloads.size();
    if (!workloads.isEmpty()) {
      h.tag("<h3>Workloads</h3><ul class=\"results\" id=\"workload-results\">");
      for (WorkloadRef ref : workloads) {
        h.tag("<li>")
            .link(Paths.workload(ref), ref.kind().kind() + " " + ref.name())
            .tag(" in ")
            .text(ref.namespace())
            .tag(" ");
        HtmlCard.status(h, index.entry(ref).resolution().status());
        h.tag("</li>");
      }
      h.tag("</ul>");
    }
    if (found == 0) h.tag("<p>Nothing matches.</p>");
    h.tag("</section>");
  }

  private static List<String> matching(List<String> names, String needle) {
    return names.stream().filter(n -> contains(n, needle)).limit(MAX_RESULTS).toList();
  }

  private static boolean contains(String value, String needle) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
  }

  // ---- /teams/{team} --------------------------------------------------------------------------

  /** A Team's page; an alias answers with its Team's page. */
  Optional<String> team(String asked) {
    CatalogIndex index = catalog.index();
    String team = catalog.canonical(asked);
    if (!catalog.teamNames(index).contains(team)) return Optional.empty();
    Optional<TeamCard> card = catalog.teams().team(team);
    Html h = new Html();
    h.tag("<section class=\"card\" id=\"team\"><dl>");
    HtmlCard.field(h, "team", "Team").text(team).tag("</dd>");
    if (!team.equals(asked))
      HtmlCard.field(h, "alias", "Alias").text(asked + " is an alias of " + team).tag("</dd>");
    if (card.isPresent()) {
      TeamCard t = card.get();
      if (t.displayName() != null)
        HtmlCard.field(h, "display-name", "Display name").text(t.displayName()).tag("</dd>");
      if (!t.onCall().isEmpty()) {
        HtmlCard.field(h, "on-call", "On call");
        HtmlCard.contacts(h, t.onCall());
        h.tag("</dd>");
      }
      if (!t.contacts().isEmpty()) {
        HtmlCard.field(h, "contacts", "Contacts");
        HtmlCard.contacts(h, t.contacts());
        h.tag("</dd>");
      }
      if (!t.links().isEmpty()) {
        HtmlCard.field(h, "links", "Links");
        HtmlCard.links(h, t.links());
        h.tag("</dd>");
      }
      HtmlCard.field(h, "review", "Review")
          .text(dev.ownership.operator.who.CardText.review(t))
          .tag("</dd>");
    } else {
      TeamRegistry registry = catalog.teams().registry();
      HtmlCard.field(h, "registry", "Registry")
          .text(
              registry.inUse()
                  ? "Not a registered Team; " + registry.didYouMean(team)
                  : "No Team of this name is registered: contacts come from its services below.")
          .tag("</dd>");
    }
    h.tag("</dl></section>");

    List<ServiceOwnership> services = catalog.servicesOf(team);
    h.tag("<section id=\"services\"><h2>Services</h2>");
    if (services.isEmpty()) h.tag("<p>No ServiceOwnership names this team.</p>");
    else servicesTable(h, index, services);
    h.tag("</section>");

    h.tag("<section id=\"workloads\"><h2>Workloads</h2>");
    workloadsTable(h, index, index.ownedBy(team), true);
    h.tag("</section>");
    String title = card.map(TeamCard::displayName).orElse(team);
    return Optional.of(layout("Team " + team, "Team " + title, h, ""));
  }

  // ---- /services/{namespace}/{name} -----------------------------------------------------------

  Optional<String> service(String namespace, String name) {
    Optional<ServiceOwnership> found = catalog.serviceOwnership(namespace, name);
    if (found.isEmpty()) return Optional.empty();
    ServiceOwnership so = found.get();
    CatalogIndex index = catalog.index();
    Html h = new Html();
    h.tag("<section class=\"card\" id=\"service\"><dl>");
    HtmlCard.field(h, "service-ownership", "ServiceOwnership")
        .text(namespace + "/" + name)
        .tag("</dd>");
    HtmlCard.field(h, "namespace", "Namespace")
        .link(Paths.namespace(namespace), namespace)
        .tag("</dd>");
    String team = catalog.teamOf(so);
    if (team != null) HtmlCard.field(h, "team", "Team").link(Paths.team(team), team).tag("</dd>");
    if (so.getSpec() != null) {
      HtmlCard.serviceDetails(h, so);
      Optional<OwnershipClaim> claim =
          catalog.source().claims(namespace).inPrecedenceOrder().stream()
              .filter(c -> c.name().equals(name))
              .findFirst();
      HtmlCard.field(h, "selector", "Selects")
          .text(
              claim
                  .map(c -> c.selector().describe())
                  .orElse("nothing: the spec is invalid or it is being deleted"),
              Html.LONG)
          .tag("</dd>");
      var contacts =
          so.getSpec().getContacts() == null
              ? List.<dev.ownership.operator.api.Contact>of()
              : so.getSpec().getContacts();
      if (!contacts.isEmpty()) {
        HtmlCard.field(h, "contacts", "Contacts");
        HtmlCard.contacts(h, contacts);
        h.tag("</dd>");
      }
      if (so.getSpec().getLinks() != null && !so.getSpec().getLinks().isEmpty()) {
        HtmlCard.field(h, "links", "Links");
        HtmlCard.links(h, so.getSpec().getLinks());
        h.tag("</dd>");
      }
      if (so.getSpec().getObjectives() != null && !so.getSpec().getObjectives().isEmpty()) {
        HtmlCard.field(h, "objectives", "Objectives");
        HtmlCard.objectives(h, so.getSpec().getObjectives());
        h.tag("</dd>");
      }
    }
    h.tag("</dl></section>");

    List<WorkloadRef> selected = index.selectedBy(namespace, name);
    h.tag("<section id=\"workloads\"><h2>Workloads it selects</h2>");
    if (selected.isEmpty()) {
      h.tag("<p>Its selector matches no workload.</p>");
    } else {
      table(h, "workloads", "Workload", "Status", "Owner", "Owned by this");
      for (WorkloadRef ref : selected.subList(0, Math.min(MAX_ROWS, selected.size()))) {
        Resolution r = index.entry(ref).resolution();
        boolean mine = r.source() != null && name.equals(r.source().serviceOwnershipName());
        h.tag("<tr><td>")
            .link(Paths.workload(ref), ref.kind().kind() + " " + ref.name())
            .tag("</td><td>");
        HtmlCard.status(h, r.status());
        h.tag("</td><td>");
        if (r.team() != null) h.link(Paths.team(r.team()), r.team());
        h.tag("</td><td>").text(mine ? "yes" : "no").tag("</td></tr>");
      }
      endTable(h, selected.size());
    }
    h.tag("</section>");

    List<String> conflicts = new ArrayList<>();
    for (WorkloadRef ref : selected) {
      Resolution r = index.entry(ref).resolution();
      if (r.status() == OwnershipStatus.CONFLICT) conflicts.add(ref + ": " + r.conflictSummary());
    }
    if (!conflicts.isEmpty()) {
      h.tag("<section id=\"conflicts\"><h2>Conflicts</h2><ul>");
      for (String c : conflicts.subList(0, Math.min(MAX_ROWS, conflicts.size())))
        h.tag("<li>").text(c, Html.LONG).tag("</li>");
      h.tag("</ul></section>");
    }

    List<Condition> conditions =
        so.getStatus() == null ? List.of() : so.getStatus().getConditions();
    h.tag("<section id=\"conditions\"><h2>Conditions</h2>");
    if (conditions == null || conditions.isEmpty()) {
      h.tag("<p>No status yet: the leader has not reconciled it.</p>");
    } else {
      table(h, "conditions", "Type", "Status", "Reason", "Message", "Since");
      for (Condition c : conditions) {
        h.tag("<tr><td>")
            .text(c.getType())
            .tag("</td><td>")
            .text(c.getStatus())
            .tag("</td><td>")
            .text(c.getReason())
            .tag("</td><td>")
            .text(c.getMessage(), Html.LONG)
            .tag("</td><td>")
            .text(c.getLastTransitionTime())
            .tag("</td></tr>");
      }
      h.tag("</tbody></table>");
    }
    h.tag("</section>");
    return Optional.of(layout("Service " + so.serviceName(), "Service " + so.serviceName(), h, ""));
  }

  // ---- /namespaces/{namespace} ----------------------------------------------------------------

  Optional<String> namespace(String namespace) {
    CatalogIndex index = catalog.index();
    if (!index.hasNamespace(namespace)) return Optional.empty();
    Tally t = index.tally(namespace);
    EnforcementMode mode = catalog.source().enforcementMode(namespace);
    Map<String, String> labels = catalog.source().namespaceLabels(namespace);
    Html h = new Html();
    h.tag("<section class=\"card\" id=\"namespace\"><dl>");
    HtmlCard.field(h, "enforcement", "Enforcement").text(mode.value()).tag("</dd>");
    String team = labels.get(OwnershipKeys.NAMESPACE_TEAM_LABEL);
    if (team != null) {
      HtmlCard.field(h, "team", "Namespace team");
      if (dev.ownership.operator.ownership.Dns1123.isLabel(team))
        h.link(Paths.team(catalog.canonical(team)), team);
      else h.text(team + " (not a valid team name: ignored)");
      h.tag("</dd>");
    }
    HtmlCard.field(h, "coverage", "Coverage")
        .text(
            t.coverageText()
                + " — "
                + t.owned()
                + " owned, "
                + t.unowned()
                + " unowned, "
                + t.conflict()
                + " in conflict")
        .tag("</dd>");
    h.tag("</dl></section>");

    Map<String, ServiceOwnership> services = catalog.serviceOwnershipsIn(namespace);
    if (!services.isEmpty()) {
      h.tag("<section id=\"services\"><h2>ServiceOwnerships</h2>");
      servicesTable(h, index, List.copyOf(services.values()));
      h.tag("</section>");
    }

    List<WorkloadRef> all = index.inNamespace(namespace);
    List<WorkloadRef> unowned =
        all.stream()
            .filter(r -> index.entry(r).resolution().status() == OwnershipStatus.UNOWNED)
            .toList();
    h.tag("<section id=\"unowned\"><h2>Unowned workloads</h2>");
    if (unowned.isEmpty()) {
      h.tag("<p>None.</p>");
    } else {
      h.tag("<ul class=\"unowned\">");
      for (WorkloadRef ref : unowned.subList(0, Math.min(MAX_ROWS, unowned.size()))) {
        OwnerCard card = catalog.card(index, ref).orElseThrow();
        h.tag("<li>")
            .link(Paths.workload(ref), ref.kind().kind() + " " + ref.name())
            .tag("<div class=\"fix\">")
            .text(card.fix(), Html.LONG)
            .tag("</div>");
        if (card.suggestion() != null)
          h.tag("<div class=\"suggestion\">Suggested: ")
              .text(card.suggestion(), Html.LONG)
              .tag("</div>");
        h.tag("</li>");
      }
      h.tag("</ul>");
      if (unowned.size() > MAX_ROWS) more(h, unowned.size() - MAX_ROWS);
    }
    h.tag("</section>");

    h.tag("<section id=\"workloads\"><h2>All workloads</h2>");
    workloadsTable(h, index, all, false);
    h.tag("</section>");
    return Optional.of(layout("Namespace " + namespace, "Namespace " + namespace, h, ""));
  }

  // ---- /workloads/{namespace}/{kind}/{name} ---------------------------------------------------

  Optional<String> workload(WorkloadRef ref) {
    CatalogIndex index = catalog.index();
    return catalog
        .card(index, ref)
        .map(
            card -> {
              Html h = new Html();
              HtmlCard.card(h, card);
              String title = ref.kind().kind() + " " + ref.namespace() + "/" + ref.name();
              return layout(title, title, h, "");
            });
  }

  String notFound(String what) {
    Html h = new Html();
    h.tag("<p class=\"not-found\">")
        .text(what, Html.LONG)
        .tag(" — try the search above, or <a href=\"/\">the overview</a>.</p>");
    return layout("Not found", "Not found", h, "");
  }

  // ---- shared ---------------------------------------------------------------------------------

  private void servicesTable(Html h, CatalogIndex index, List<ServiceOwnership> services) {
    table(h, "services", "Service", "Namespace", "Team", "Tier", "Lifecycle", "Owns");
    for (ServiceOwnership so : services.subList(0, Math.min(MAX_ROWS, services.size()))) {
      String ns = so.getMetadata().getNamespace();
      String name = so.getMetadata().getName();
      long owns =
          index.selectedBy(ns, name).stream()
              .map(r -> index.entry(r).resolution().source())
              .filter(s -> s != null && name.equals(s.serviceOwnershipName()))
              .count();
      h.tag("<tr><td>").link(Paths.service(ns, name), so.serviceName()).tag("</td><td>");
      h.link(Paths.namespace(ns), ns).tag("</td><td>");
      String team = catalog.teamOf(so);
      if (team != null) h.link(Paths.team(team), team);
      h.tag("</td><td>");
      if (so.getSpec() != null && so.getSpec().getTier() != null)
        h.text(String.valueOf(so.getSpec().getTier()));
      h.tag("</td><td>");
      if (so.getSpec() != null && so.getSpec().getLifecycle() != null)
        h.text(HtmlCard.lower(so.getSpec().getLifecycle().name()));
      h.tag("</td><td>").text(String.valueOf(owns)).tag("</td></tr>");
    }
    endTable(h, services.size());
  }

  private void workloadsTable(
      Html h, CatalogIndex index, List<WorkloadRef> refs, boolean withNamespace) {
    if (refs.isEmpty()) {
      h.tag("<p>None.</p>");
      return;
    }
    if (withNamespace) table(h, "workloads", "Namespace", "Workload", "Status", "Team", "Source");
    else table(h, "workloads", "Workload", "Status", "Team", "Source");
    for (WorkloadRef ref : refs.subList(0, Math.min(MAX_ROWS, refs.size()))) {
      Resolution r = index.entry(ref).resolution();
      h.tag("<tr>");
      if (withNamespace)
        h.tag("<td>").link(Paths.namespace(ref.namespace()), ref.namespace()).tag("</td>");
      h.tag("<td>")
          .link(Paths.workload(ref), ref.kind().kind() + " " + ref.name())
          .tag("</td><td>");
      HtmlCard.status(h, r.status());
      h.tag("</td><td>");
      if (r.team() != null) h.link(Paths.team(r.team()), r.team());
      h.tag("</td><td>");
      if (r.source() != null) {
        String so = r.source().serviceOwnershipName();
        if (so != null) h.link(Paths.service(ref.namespace(), so), r.source().annotationValue());
        else h.text(r.source().annotationValue());
      }
      h.tag("</td></tr>");
    }
    endTable(h, refs.size());
  }

  private static void table(Html h, String id, String... headers) {
    h.tag("<table class=\"filterable\" id=\"").text(id + "-table").tag("\"><thead><tr>");
    for (String header : headers) h.tag("<th>").text(header).tag("</th>");
    h.tag("</tr></thead><tbody>");
  }

  private static void endTable(Html h, int rows) {
    h.tag("</tbody></table>");
    if (rows > MAX_ROWS) more(h, rows - MAX_ROWS);
  }

  private static void more(Html h, int hidden) {
    h.tag("<p class=\"more\">… and ")
        .text(String.valueOf(hidden))
        .tag(" more: narrow it down with the search, or read everything from the JSON API.</p>");
  }

  private static String layout(String title, String heading, Html body, String query) {
    return new Html()
        .tag("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .tag("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .tag("<title>")
        .text(title)
        .tag(" · Ownership catalog</title>")
        .tag("<link rel=\"stylesheet\" href=\"/static/catalog.css\">")
        .tag("<script src=\"/static/catalog.js\" defer></script></head><body>")
        .tag("<header><a class=\"home\" href=\"/\">Ownership catalog</a>")
        .tag("<form action=\"/\" method=\"get\" role=\"search\">")
        .tag("<input type=\"search\" name=\"q\" id=\"q\" value=\"")
        .text(query)
        .tag("\" placeholder=\"Team, service, namespace or workload\" aria-label=\"Search\">")
        .tag("<button type=\"submit\">Search</button></form></header><main><h1>")
        .text(heading)
        .tag("</h1>")
        .tag(body.toString())
        .tag("</main><footer>Read-only, computed by this replica from its caches with the")
        .tag(" operator's resolver · JSON: <a href=\"/api/v1/teams\">teams</a>,")
        .tag(
            " <a href=\"/api/v1/services\">services</a>, <a"
                + " href=\"/api/v1/workloads\">workloads</a>")
        .tag("</footer></body></html>")
        .toString();
  }
}
