package dev.ownership.bench.jmh;

import dev.ownership.operator.admission.AdmissionHandler;
import dev.ownership.operator.admission.AdmissionResult;
import dev.ownership.operator.cli.RunCommand;
import dev.ownership.operator.metrics.AdmissionMetrics;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;

/**
 * Every call {@link AdmissionBenchmark} makes into the operator, in one place.
 *
 * <p>Relies on: {@code AdmissionHandler.of(OwnerResolver, NamespaceDirectory, AdmissionSettings,
 * ReviewRecorder)}, {@code OperatorSettings.admission()}, {@code AdmissionHandler.handle(byte[])}
 * returning {@code AdmissionResult} with {@code httpStatus()} and {@code body()}, {@code
 * AdmissionMetrics(MeterRegistry)}, {@code RunCommand.settingsFrom(Map, String...)} (the production
 * defaults) and what {@link ResolverSubject} relies on for the directory.
 */
public final class AdmissionSubject {
  private final AdmissionHandler handler;

  public AdmissionSubject(
      Map<String, Map<String, String>> namespaceLabels, List<ClaimSpec> claims) {
    handler =
        AdmissionHandler.of(
            new OwnerResolver(OwnerLabelKeys.DEFAULT),
            new ResolverSubject.Directory(namespaceLabels, claims),
            RunCommand.settingsFrom(
                    Map.of(), "--leader-election=false", "--operator-namespace=ownership-system")
                .admission(),
            new AdmissionMetrics(new SimpleMeterRegistry()));
  }

  /** The HTTP status and body the webhook would answer. */
  public record Answer(int status, byte[] body) {}

  public Answer handle(byte[] review) {
    AdmissionResult result = handler.handle(review);
    return new Answer(result.httpStatus(), result.body());
  }
}
