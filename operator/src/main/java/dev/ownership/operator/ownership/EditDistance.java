package dev.ownership.operator.ownership;

/** Levenshtein distance, bounded: "paymnts" is one edit from "payments". */
final class EditDistance {
  private EditDistance() {}

  /** The distance between a and b when it is at most {@code max}; -1 when it is more. */
  static int within(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) return -1;
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin > max) return -1;
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()] <= max ? previous[b.length()] : -1;
  }
}
