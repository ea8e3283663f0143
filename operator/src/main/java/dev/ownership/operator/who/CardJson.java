package dev.ownership.operator.who;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.Objective;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.OwnershipConflict;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.who.OwnerCard.Sourced;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of cards, documented in docs/who.md: {@code who -o json} and the catalog's {@code
 * /api/v1/workloads} write exactly this shape.
 */
public final class CardJson {
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CardJson() {}

  public static ObjectNode answer(WhoAnswer answer) {
    ObjectNode root = JSON.createObjectNode();
    root.put("target", answer.target());
    root.put("namespace", answer.namespace());
    ArrayNode workloads = root.putArray("workloads");
    answer.cards().forEach(c -> workloads.add(card(c)));
    if (answer.deadEnd() != null) root.put("message", answer.deadEnd());
    ArrayNode notes = root.putArray("notes");
    answer.notes().forEach(notes::add);
    root.put("exitCode", answer.exitCode());
    return root;
  }

  public static ObjectNode team(TeamAnswer answer) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode team = team(answer.team(), answer.card());
    if (answer.card() != null) {
      String from = "Team/" + answer.team();
      team.set("onCall", contacts(sourced(answer.card().onCall(), from)));
      team.set("contacts", contacts(sourced(answer.card().contacts(), from)));
      team.set("links", links(answer.card().links()));
    }
    root.set("team", team);
    ArrayNode services = root.putArray("services");
    answer.services().forEach(so -> services.add(serviceRef(so)));
    ArrayNode workloads = root.putArray("workloads");
    answer.cards().forEach(c -> workloads.add(card(c)));
    ArrayNode notes = root.putArray("notes");
    answer.notes().forEach(notes::add);
    root.put("exitCode", answer.exitCode());
    return root;
  }

  public static ObjectNode card(OwnerCard card) {
    Resolution r = card.resolution();
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", card.ref().kind().kind());
    node.put("namespace", card.ref().namespace());
    node.put("name", card.ref().name());
    ArrayNode chain = node.putArray("chain");
    card.chain().forEach(chain::add);
    node.put("status", r.status().value());
    if (r.team() == null) node.putNull("team");
    else node.set("team", team(r.team(), card.team()));
    node.put("source", r.source() == null ? null : r.source().annotationValue());
    ServiceOwnership so = card.service();
    if (so == null || so.getSpec() == null) {
      node.putNull("service");
    } else {
      ObjectNode service = serviceRef(so);
      service.put("description", so.getSpec().getDescription());
      if (so.getSpec().getTier() == null) service.putNull("tier");
      else service.put("tier", so.getSpec().getTier());
      service.put(
          "lifecycle",
          so.getSpec().getLifecycle() == null
              ? null
              : so.getSpec().getLifecycle().name().toLowerCase(Locale.ROOT));
      node.set("service", service);
    }
    node.set("onCall", contacts(card.onCall()));
    node.set("contacts", contacts(card.contacts()));
    ArrayNode links = node.putArray("links");
    for (Sourced<Link> l : card.links()) {
      links
          .addObject()
          .put("name", l.value().getName())
          .put("url", l.value().getUrl())
          .put("from", l.from());
    }
    ArrayNode objectives = node.putArray("objectives");
    for (Objective o : card.objectives()) {
      ObjectNode objective = objectives.addObject().put("name", o.getName());
      if (o.getTarget() == null) objective.putNull("target");
      else objective.put("target", o.getTarget());
      objective.put("window", o.getWindow()).put("description", o.getDescription());
    }
    ArrayNode conflicts = node.putArray("conflicts");
    for (OwnershipConflict c : r.conflicts()) {
      conflicts
          .addObject()
          .put("reason", c.reason().name())
          .put("serviceOwnership", c.overruledClaim())
          .put("team", c.overruledTeam())
          .put("message", c.message());
    }
    ArrayNode invalid = node.putArray("invalidLabels");
    for (InvalidOwnerLabel l : r.invalidLabels()) {
      invalid.addObject().put("key", l.key()).put("value", l.value()).put("message", l.message());
    }
    ArrayNode unknown = node.putArray("unknownTeams");
    card.unknownTeams().forEach(unknown::add);
    node.put("fix", card.fix());
    node.put("suggestion", card.suggestion());
    return node;
  }

  /** {@code [{"name", "url"}]}, as a Team's or a ServiceOwnership's links. */
  public static ArrayNode links(List<Link> links) {
    ArrayNode array = JSON.createArrayNode();
    for (Link l : links == null ? List.<Link>of() : links) {
      array.addObject().put("name", l.getName()).put("url", l.getUrl());
    }
    return array;
  }

  /** Contacts declared in one place, e.g. {@code Team/payments}. */
  public static List<Sourced<Contact>> sourced(List<? extends Contact> contacts, String from) {
    List<Sourced<Contact>> list = new java.util.ArrayList<>();
    if (contacts != null) contacts.forEach(c -> list.add(new Sourced<>(c, from)));
    return list;
  }

  static ObjectNode team(String name, TeamCard card) {
    ObjectNode team = JSON.createObjectNode().put("name", name).put("registered", card != null);
    if (card != null) {
      team.put("displayName", card.displayName());
      team.put("reviewedAt", card.reviewedAt());
      team.put("reviewDue", card.reviewDue());
    }
    return team;
  }

  static ObjectNode serviceRef(ServiceOwnership so) {
    return JSON.createObjectNode()
        .put("namespace", so.getMetadata().getNamespace())
        .put("serviceOwnership", so.getMetadata().getName())
        .put("name", so.serviceName());
  }

  public static ArrayNode contacts(List<Sourced<Contact>> contacts) {
    ArrayNode array = JSON.createArrayNode();
    for (Sourced<Contact> c : contacts) {
      array
          .addObject()
          .put("type", c.value().getType() == null ? null : c.value().getType().wireName())
          .put("value", c.value().getValue())
          .put("name", c.value().getName())
          .put("from", c.from());
    }
    return array;
  }

  public static void print(ObjectNode node, PrintWriter out) {
    try {
      out.println(JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
