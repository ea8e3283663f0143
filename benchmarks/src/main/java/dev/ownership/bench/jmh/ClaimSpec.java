package dev.ownership.bench.jmh;

import java.util.Map;

/**
 * A ServiceOwnership as a benchmark describes it, independent of the operator's classes: the
 * adapters turn it into whatever the operator reads.
 *
 * @param matchLabels the selector's matchLabels; empty is {@code {}} (selects everything)
 * @param createdAt RFC 3339, e.g. {@code 2025-01-01T00:00:00Z}
 */
public record ClaimSpec(
    String namespace,
    String name,
    String team,
    Map<String, String> matchLabels,
    String createdAt) {}
