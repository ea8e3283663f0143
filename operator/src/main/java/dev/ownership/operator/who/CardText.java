package dev.ownership.operator.who;

import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.Objective;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.OwnershipConflict;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.text.SafeText;
import dev.ownership.operator.text.TextTable;
import dev.ownership.operator.who.OwnerCard.Sourced;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints cards for a terminal: one field a line, every cluster value made printable and bounded.
 */
public final class CardText {
  static final int FIELD = 12;
  static final int LONG = 300;
  static final int SHORT = 120;

  private CardText() {}

  public static void answer(WhoAnswer answer, PrintWriter out) {
    if (answer.deadEnd() != null) {
      out.println(answer.deadEnd() + ".");
    }
    for (int i = 0; i < answer.cards().size(); i++) {
      if (i > 0) out.println();
      card(answer.cards().get(i), out);
    }
    out.flush();
  }

  public static void card(OwnerCard card, PrintWriter out) {
    Resolution r = card.resolution();
    out.println(card.ref().kind().kind() + " " + card.ref().namespace() + "/" + card.ref().name());
    if (card.chain().size() > 1) field(out, "chain", String.join(" -> ", card.chain()));
    field(out, "status", r.status().value());
    if (r.team() != null) {
      String display = card.team() == null ? null : card.team().displayName();
      field(out, "team", r.team() + (display == null ? "" : " (" + safe(display, SHORT) + ")"));
      field(out, "source", safe(r.source().annotationValue(), SHORT));
    }
    for (OwnershipConflict c : r.conflicts()) field(out, "conflict", safe(c.message(), LONG));
    for (InvalidOwnerLabel l : r.invalidLabels()) field(out, "ignored", safe(l.message(), LONG));
    for (String unknown : card.unknownTeams()) field(out, "unknown", unknown);
    if (card.fix() != null) field(out, "fix", card.fix());
    if (card.suggestion() != null) field(out, "suggestion", safe(card.suggestion(), LONG));
    ServiceOwnership so = card.service();
    if (so != null && so.getSpec() != null) {
      String description = so.getSpec().getDescription();
      field(
          out,
          "service",
          safe(so.serviceName(), SHORT)
              + (description == null || description.isBlank()
                  ? ""
                  : ": " + safe(description, LONG)));
      if (so.getSpec().getTier() != null)
        field(out, "tier", String.valueOf(so.getSpec().getTier()));
      if (so.getSpec().getLifecycle() != null)
        field(
            out,
            "lifecycle",
            so.getSpec().getLifecycle().name().toLowerCase(java.util.Locale.ROOT));
    }
    for (Sourced<Contact> c : card.onCall()) field(out, "on-call", contact(c));
    for (Sourced<Contact> c : card.contacts()) field(out, "contact", contact(c));
    for (Sourced<Link> l : card.links()) {
      boolean runbook = OwnerCards.isRunbook(l.value());
      field(
          out,
          runbook ? "runbook" : "link",
          (runbook ? "" : safe(l.value().getName(), SHORT) + "  ")
              + safe(l.value().getUrl(), LONG));
    }
    for (Objective o : card.objectives()) field(out, "objective", objective(o));
    if (card.team() != null) field(out, "review", review(card.team()));
    out.flush();
  }

  public static void team(TeamAnswer answer, PrintWriter out) {
    TeamCard card = answer.card();
    String display =
        card == null || card.displayName() == null
            ? ""
            : " (" + safe(card.displayName(), SHORT) + ")";
    out.println(
        "Team "
            + answer.team()
            + display
            + ": "
            + answer.cards().size()
            + " workload(s), "
            + answer.services().size()
            + " ServiceOwnership(s)");
    if (card != null) {
      for (Contact c : card.onCall()) field(out, "on-call", contact(new Sourced<>(c, null)));
      for (Contact c : card.contacts()) field(out, "contact", contact(new Sourced<>(c, null)));
      for (Link l : card.links())
        field(out, "link", safe(l.getName(), SHORT) + "  " + safe(l.getUrl(), LONG));
      field(out, "review", review(card));
    }
    for (ServiceOwnership so : answer.services()) {
      field(
          out,
          "service",
          so.getMetadata().getNamespace()
              + "/"
              + so.getMetadata().getName()
              + "  "
              + safe(so.serviceName(), SHORT));
    }
    if (answer.cards().isEmpty()) {
      out.println("No workloads resolve to this team.");
      out.flush();
      return;
    }
    out.println();
    TextTable table =
        new TextTable(List.of("NAMESPACE", "KIND", "NAME", "STATUS", "SERVICE", "SOURCE"));
    for (OwnerCard c : answer.cards()) {
      Resolution r = c.resolution();
      table.row(
          List.of(
              c.ref().namespace(),
              c.ref().kind().kind(),
              c.ref().name(),
              r.status().value(),
              c.service() == null ? "-" : safe(c.service().serviceName(), SHORT),
              safe(r.source().annotationValue(), SHORT)));
    }
    table.print(out, "");
  }

  public static String review(TeamCard team) {
    String when =
        team.reviewedAt() == null ? "never reviewed" : "reviewed " + safe(team.reviewedAt(), 40);
    return when + (team.reviewDue() ? " (review due)" : "");
  }

  private static String contact(Sourced<Contact> sourced) {
    Contact c = sourced.value();
    String type = c.getType() == null ? "other" : c.getType().wireName();
    String name =
        c.getName() == null || c.getName().isBlank() ? "" : " (" + safe(c.getName(), SHORT) + ")";
    return String.format("%-10s %s%s", type, safe(c.getValue(), LONG), name);
  }

  static String objective(Objective o) {
    StringBuilder text = new StringBuilder(safe(o.getName(), SHORT));
    if (o.getTarget() != null) text.append(' ').append(percent(o.getTarget())).append('%');
    if (o.getWindow() != null) text.append(" over ").append(safe(o.getWindow(), 20));
    if (o.getDescription() != null && !o.getDescription().isBlank())
      text.append(" (").append(safe(o.getDescription(), LONG)).append(')');
    return text.toString();
  }

  /** 99.9 stays 99.9; 99.0 prints as 99. */
  public static String percent(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static void field(PrintWriter out, String name, String value) {
    out.println("  " + name + " ".repeat(Math.max(1, FIELD - name.length())) + value);
  }

  private static String safe(String value, int max) {
    return SafeText.of(value, max);
  }
}
