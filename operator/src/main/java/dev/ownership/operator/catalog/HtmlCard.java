package dev.ownership.operator.catalog;

import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.ContactType;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.Objective;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.OwnershipConflict;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.who.CardText;
import dev.ownership.operator.who.OwnerCard;
import dev.ownership.operator.who.OwnerCard.Sourced;
import java.util.List;
import java.util.Locale;

/** The pieces pages share: the who card, contacts, links, objectives, status badges. */
final class HtmlCard {
  private HtmlCard() {}

  static void card(Html h, OwnerCard card) {
    Resolution r = card.resolution();
    String ns = card.ref().namespace();
    h.tag("<section class=\"card\" id=\"card\"><dl>");
    if (card.chain().size() > 1) {
      field(h, "chain", "Chain").text(String.join(" → ", card.chain()), Html.LONG).tag("</dd>");
    }
    field(h, "status", "Status");
    status(h, r.status());
    h.tag("</dd>");
    field(h, "namespace", "Namespace").link(Paths.namespace(ns), ns).tag("</dd>");
    if (r.team() != null) {
      field(h, "team", "Team").link(Paths.team(r.team()), r.team());
      if (card.team() != null && card.team().displayName() != null)
        h.tag(" (").text(card.team().displayName()).tag(")");
      h.tag("</dd>");
      field(h, "source", "Source");
      String so = r.source().serviceOwnershipName();
      if (so != null) h.link(Paths.service(ns, so), r.source().annotationValue());
      else h.text(r.source().annotationValue());
      h.tag("</dd>");
    }
    for (OwnershipConflict c : r.conflicts())
      field(h, "conflict", "Conflict").text(c.message(), Html.LONG).tag("</dd>");
    for (InvalidOwnerLabel l : r.invalidLabels())
      field(h, "ignored", "Ignored label").text(l.message(), Html.LONG).tag("</dd>");
    for (String unknown : card.unknownTeams())
      field(h, "unknown-team", "Unknown team").text(unknown, Html.LONG).tag("</dd>");
    if (card.fix() != null) field(h, "fix", "How to fix").text(card.fix(), Html.LONG).tag("</dd>");
    if (card.suggestion() != null)
      field(h, "suggestion", "Suggested owner").text(card.suggestion(), Html.LONG).tag("</dd>");
    ServiceOwnership so = card.service();
    if (so != null && so.getSpec() != null) {
      field(h, "service", "Service")
          .link(Paths.service(ns, so.getMetadata().getName()), so.serviceName())
          .tag("</dd>");
      serviceDetails(h, so);
    }
    for (Sourced<Contact> c : card.onCall()) {
      field(h, "on-call", "On call");
      contact(h, c.value());
      h.tag("</dd>");
    }
    for (Sourced<Contact> c : card.contacts()) {
      field(h, "contact", "Contact");
      contact(h, c.value());
      h.tag("</dd>");
    }
    for (Sourced<Link> l : card.links()) {
      boolean runbook = l == card.runbook();
      field(h, runbook ? "runbook" : "link", runbook ? "Runbook" : "Link")
          .external(l.value().getUrl(), runbook ? null : l.value().getName())
          .tag("</dd>");
    }
    if (!card.objectives().isEmpty()) {
      field(h, "objectives", "Objectives");
      objectives(h, card.objectives());
      h.tag("</dd>");
    }
    if (card.team() != null)
      field(h, "review", "Review").text(CardText.review(card.team())).tag("</dd>");
    h.tag("</dl></section>");
  }

  /** Description, tier and lifecycle, as dl rows. */
  static void serviceDetails(Html h, ServiceOwnership so) {
    if (so.getSpec().getDescription() != null && !so.getSpec().getDescription().isBlank())
      field(h, "description", "Description")
          .text(so.getSpec().getDescription(), Html.LONG)
          .tag("</dd>");
    if (so.getSpec().getTier() != null)
      field(h, "tier", "Tier").text(String.valueOf(so.getSpec().getTier())).tag("</dd>");
    if (so.getSpec().getLifecycle() != null)
      field(h, "lifecycle", "Lifecycle")
          .text(lower(so.getSpec().getLifecycle().name()))
          .tag("</dd>");
  }

  /** Opens a dl row; the caller writes the value and closes the dd. */
  static Html field(Html h, String name, String label) {
    return h.tag("<dt>").text(label).tag("</dt><dd data-field=\"").text(name).tag("\">");
  }

  static void status(Html h, OwnershipStatus status) {
    h.tag("<span class=\"status status-")
        .text(status.value())
        .tag("\">")
        .text(status.value())
        .tag("</span>");
  }

  /** Type, then the value: a link when it is an email address or a safe URL, else text. */
  static void contact(Html h, Contact c) {
    String type = c.getType() == null ? "other" : c.getType().wireName();
    h.tag("<span class=\"contact-type\">").text(type).tag("</span> ");
    String value = c.getValue();
    if (c.getType() == ContactType.EMAIL && value != null && !value.contains(":")) {
      h.external("mailto:" + value, value);
    } else {
      h.external(value, null);
    }
    if (c.getName() != null && !c.getName().isBlank()) h.tag(" (").text(c.getName()).tag(")");
  }

  static void contacts(Html h, List<Contact> contacts) {
    h.tag("<ul class=\"contacts\">");
    for (Contact c : contacts) {
      h.tag("<li>");
      contact(h, c);
      h.tag("</li>");
    }
    h.tag("</ul>");
  }

  static void links(Html h, List<Link> links) {
    h.tag("<ul class=\"links\">");
    for (Link l : links) {
      h.tag("<li>").external(l.getUrl(), l.getName()).tag("</li>");
    }
    h.tag("</ul>");
  }

  static void objectives(Html h, List<Objective> objectives) {
    h.tag("<ul class=\"objectives\">");
    for (Objective o : objectives) {
      h.tag("<li>").text(o.getName());
      if (o.getTarget() != null) h.tag(" ").text(CardText.percent(o.getTarget()) + "%");
      if (o.getWindow() != null) h.tag(" over ").text(o.getWindow());
      if (o.getDescription() != null && !o.getDescription().isBlank())
        h.tag(" — ").text(o.getDescription(), Html.LONG);
      h.tag("</li>");
    }
    h.tag("</ul>");
  }

  static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
