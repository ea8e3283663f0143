package dev.ownership.bench.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Min, median and max of repeated measurements: how every figure in BENCHMARKS.md is given. */
public record Summary(double min, double median, double max, int count) {
  public static Summary of(List<Double> values) {
    if (values.isEmpty()) return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Summary(sorted.get(0), median, sorted.get(n - 1), n);
  }

  /** {@code min / median / max} with the given number of decimals. */
  public String format(int decimals) {
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " / " + f + " / " + f, min, median, max)
        + (count > 1 ? "" : " (1 run)");
  }
}
