package dev.ownership.operator.audit;

/**
 * One thing to fix about a workload.
 *
 * @param message what is wrong, as the webhook or the controller says it
 * @param hint what to change
 * @param origin where: the file, document and line of the object or of the offending label
 */
public record Finding(FindingRule rule, String message, String hint, DocumentOrigin origin) {}
