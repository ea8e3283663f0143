package dev.ownership.operator.who;

import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.Link;
import java.util.List;

/**
 * What the Team registry says about one team, as cards and pages show it.
 *
 * @param name the canonical team name
 * @param displayName null when the Team has none
 * @param onCall contacts marked on call, in the Team's order
 * @param contacts the Team's other contacts
 * @param reviewedAt the day the team last confirmed its data (as written, e.g. 2026-11-01), or null
 * @param reviewDue true when that is missing or older than the review period
 */
public record TeamCard(
    String name,
    String displayName,
    List<Contact> onCall,
    List<Contact> contacts,
    List<Link> links,
    String reviewedAt,
    boolean reviewDue) {
  public TeamCard {
    onCall = onCall == null ? List.of() : List.copyOf(onCall);
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    links = links == null ? List.of() : List.copyOf(links);
  }
}
