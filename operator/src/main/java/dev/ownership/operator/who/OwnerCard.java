package dev.ownership.operator.who;

import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.Objective;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.List;

/**
 * Everything one needs at 3 a.m. about one workload: who owns it, why, and how to reach them. The
 * same card is what {@code who} prints and what the catalog's workload page shows.
 *
 * @param chain how the workload was reached, e.g. pod/x, replicaset/y, deployment/z
 * @param team the registered Team of the resolved team, or null (unowned, or not registered)
 * @param service the ServiceOwnership whose service this is (see {@link OwnerCards}), or null
 * @param onCall who to page first: the service's paging contacts, then the Team's on-call ones
 * @param contacts the other contacts: the service's, then the Team's
 * @param links the runbook first, then the other links: the service's, then the Team's
 * @param fix for an unowned workload, how to give it an owner; else null
 * @param suggestion a proposed owner for an unowned workload, or null
 * @param unknownTeams team values the registry (in use) does not know, each one line with the
 *     closest registered names ("did you mean payments?")
 */
public record OwnerCard(
    WorkloadRef ref,
    List<String> chain,
    Resolution resolution,
    TeamCard team,
    ServiceOwnership service,
    List<Sourced<Contact>> onCall,
    List<Sourced<Contact>> contacts,
    List<Sourced<Link>> links,
    List<Objective> objectives,
    String fix,
    String suggestion,
    List<String> unknownTeams) {
  public OwnerCard {
    chain = List.copyOf(chain);
    onCall = List.copyOf(onCall);
    contacts = List.copyOf(contacts);
    links = List.copyOf(links);
    objectives = List.copyOf(objectives);
    unknownTeams = List.copyOf(unknownTeams);
  }

  /**
   * A contact or link and where it was declared.
   *
   * @param from {@code ServiceOwnership/<name>} or {@code Team/<name>}
   */
  public record Sourced<T>(T value, String from) {}

  /** The runbook, when one of the links is named so. */
  public Sourced<Link> runbook() {
    return links.isEmpty() || !OwnerCards.isRunbook(links.get(0).value()) ? null : links.get(0);
  }
}
