package dev.ownership.operator.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Kubernetes users write them: 500ms, 30s, 10m, 2h, 180d. */
final class DurationText {
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private DurationText() {}

  static Optional<Duration> parse(String text) {
    if (text == null) return Optional.empty();
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) return Optional.empty();
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofHours(n);
        };
    return d.isZero() ? Optional.empty() : Optional.of(d);
  }
}
