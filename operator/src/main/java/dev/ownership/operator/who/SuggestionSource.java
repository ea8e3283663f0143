package dev.ownership.operator.who;

import dev.ownership.operator.ownership.WorkloadRef;
import java.util.Optional;

/** Proposes an owner for an unowned workload (one line for people), or nothing. */
public interface SuggestionSource {
  SuggestionSource NONE = ref -> Optional.empty();

  Optional<String> suggestionFor(WorkloadRef ref);
}
