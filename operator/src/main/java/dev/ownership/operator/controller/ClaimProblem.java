package dev.ownership.operator.controller;

/**
 * Why a ServiceOwnership owns nothing: its {@code Ready=False} reason and message.
 *
 * @param reason {@link #INVALID_SPEC} or {@link #NAMESPACE_LIMIT}
 */
public record ClaimProblem(String reason, String message) {
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String NAMESPACE_LIMIT = "NamespaceLimit";
}
