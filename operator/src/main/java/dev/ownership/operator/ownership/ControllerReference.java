package dev.ownership.operator.ownership;

/** An ownerReference of a workload, reduced to what decides whether it is a workload of its own. */
public record ControllerReference(
    String apiVersion, String kind, String name, boolean controller) {}
