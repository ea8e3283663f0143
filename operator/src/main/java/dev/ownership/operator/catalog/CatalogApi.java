package dev.ownership.operator.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.Objective;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.who.CardJson;
import dev.ownership.operator.who.OwnerCard.Sourced;
import dev.ownership.operator.who.TeamCard;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The JSON API for other tools: {@code /api/v1/teams}, {@code /api/v1/services}, {@code
 * /api/v1/workloads}, each {@code {"items": [...], "count": N}}, filtered by {@link CatalogQuery}.
 * Workloads are the same JSON cards {@code who -o json} prints.
 */
final class CatalogApi {
  private final Catalog catalog;

  CatalogApi(Catalog catalog) {
    this.catalog = catalog;
  }

  ObjectNode workloads(CatalogQuery asked) {
    CatalogQuery query = canonical(asked);
    CatalogIndex index = catalog.index();
    List<WorkloadRef> candidates =
        query.namespace() != null
            ? index.inNamespace(query.namespace())
            : query.team() != null ? index.ownedBy(query.team()) : index.all();
    ArrayNode items = CardJson.JSON.createArrayNode();
    for (WorkloadRef ref : candidates) {
      Resolution r = index.entry(ref).resolution();
      if (!query.admitsNamespace(ref.namespace()) || !query.admitsStatus(r.status())) continue;
      if (query.team() != null && !query.team().equals(r.team())) continue;
      catalog
          .card(index, ref)
          .ifPresent(card -> items.add(CardJson.card(card).put("url", Paths.workload(ref))));
    }
    return envelope(items);
  }

  ObjectNode teams(CatalogQuery asked) {
    CatalogQuery query = canonical(asked);
    CatalogIndex index = catalog.index();
    List<ServiceOwnership> services = catalog.serviceOwnerships();
    ArrayNode items = CardJson.JSON.createArrayNode();
    for (String team : catalog.teamNames(index)) {
      if (!query.admitsTeam(team)) continue;
      Tally tally = Tally.ZERO;
      TreeSet<String> namespaces = new TreeSet<>();
      for (WorkloadRef ref : index.ownedBy(team)) {
        Resolution r = index.entry(ref).resolution();
        if (!query.admitsNamespace(ref.namespace()) || !query.admitsStatus(r.status())) continue;
        tally = tally.plus(r.status());
        namespaces.add(ref.namespace());
      }
      long named =
          services.stream()
              .filter(so -> team.equals(catalog.teamOf(so)))
              .filter(so -> query.admitsNamespace(so.getMetadata().getNamespace()))
              .count();
      boolean filtered = query.namespace() != null || query.status() != null;
      if (filtered && tally.total() == 0 && (query.status() != null || named == 0)) continue;
      Optional<TeamCard> card = catalog.teams().team(team);
      ObjectNode item = items.addObject().put("name", team).put("registered", card.isPresent());
      card.ifPresent(
          c -> {
            item.put("displayName", c.displayName());
            item.put("reviewedAt", c.reviewedAt());
            item.put("reviewDue", c.reviewDue());
            item.set("onCall", contacts(c.onCall(), "Team/" + team));
            item.set("contacts", contacts(c.contacts(), "Team/" + team));
            item.set("links", CardJson.links(c.links()));
          });
      item.put("services", named);
      item.put("workloads", tally.total());
      item.set("tally", tally(tally));
      ArrayNode ns = item.putArray("namespaces");
      namespaces.forEach(ns::add);
      item.put("url", Paths.team(team));
    }
    return envelope(items);
  }

  ObjectNode services(CatalogQuery asked) {
    CatalogQuery query = canonical(asked);
    CatalogIndex index = catalog.index();
    ArrayNode items = CardJson.JSON.createArrayNode();
    for (ServiceOwnership so : catalog.serviceOwnerships()) {
      String ns = so.getMetadata().getNamespace();
      String name = so.getMetadata().getName();
      String team = catalog.teamOf(so);
      if (!query.admitsNamespace(ns) || !query.admitsTeam(team)) continue;
      ArrayNode workloads = CardJson.JSON.createArrayNode();
      for (WorkloadRef ref : index.selectedBy(ns, name)) {
        Resolution r = index.entry(ref).resolution();
        if (!query.admitsStatus(r.status())) continue;
        workloads
            .addObject()
            .put("kind", ref.kind().kind())
            .put("name", ref.name())
            .put("status", r.status().value())
            .put("team", r.team())
            .put(
                "ownedByThis", r.source() != null && name.equals(r.source().serviceOwnershipName()))
            .put("url", Paths.workload(ref));
      }
      if (query.status() != null && workloads.isEmpty()) continue;
      ObjectNode item =
          items
              .addObject()
              .put("namespace", ns)
              .put("serviceOwnership", name)
              .put("name", so.serviceName())
              .put("team", team);
      if (so.getSpec() != null) {
        item.put("description", so.getSpec().getDescription());
        if (so.getSpec().getTier() == null) item.putNull("tier");
        else item.put("tier", so.getSpec().getTier());
        item.put(
            "lifecycle",
            so.getSpec().getLifecycle() == null
                ? null
                : so.getSpec().getLifecycle().name().toLowerCase(Locale.ROOT));
        item.set("contacts", contacts(so.getSpec().getContacts(), "ServiceOwnership/" + name));
        ArrayNode links = item.putArray("links");
        for (Link l : orEmpty(so.getSpec().getLinks()))
          links.addObject().put("name", l.getName()).put("url", l.getUrl());
        ArrayNode objectives = item.putArray("objectives");
        for (Objective o : orEmpty(so.getSpec().getObjectives())) {
          ObjectNode objective = objectives.addObject().put("name", o.getName());
          if (o.getTarget() == null) objective.putNull("target");
          else objective.put("target", o.getTarget());
          objective.put("window", o.getWindow()).put("description", o.getDescription());
        }
      }
      item.put(
          "selector",
          catalog.source().claims(ns).inPrecedenceOrder().stream()
              .filter(c -> c.name().equals(name))
              .findFirst()
              .map(OwnershipClaim::selector)
              .map(s -> s.describe())
              .orElse(null));
      item.set("workloads", workloads);
      ArrayNode conditions = item.putArray("conditions");
      if (so.getStatus() != null && so.getStatus().getConditions() != null) {
        for (Condition c : so.getStatus().getConditions()) {
          conditions
              .addObject()
              .put("type", c.getType())
              .put("status", c.getStatus())
              .put("reason", c.getReason())
              .put("message", c.getMessage())
              .put("lastTransitionTime", c.getLastTransitionTime());
        }
      }
      item.put("url", Paths.service(ns, name));
    }
    return envelope(items);
  }

  /** {@code team=} an alias filters by its Team. */
  private CatalogQuery canonical(CatalogQuery query) {
    return query.team() == null
        ? query
        : new CatalogQuery(query.namespace(), catalog.canonical(query.team()), query.status());
  }

  private static ArrayNode contacts(List<Contact> contacts, String from) {
    return CardJson.contacts(orEmpty(contacts).stream().map(c -> new Sourced<>(c, from)).toList());
  }

  private static ObjectNode tally(Tally tally) {
    return CardJson.JSON
        .createObjectNode()
        .put("owned", tally.owned())
        .put("unowned", tally.unowned())
        .put("conflict", tally.conflict());
  }

  private static ObjectNode envelope(ArrayNode items) {
    ObjectNode root = CardJson.JSON.createObjectNode();
    root.set("items", items);
    root.put("count", items.size());
    return root;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
