package dev.ownership.operator.controller;

/**
 * Makes equal strings of many cached workloads one instance: every workload of a namespace carries
 * the namespace's name, every workload the same few label keys and often the same label values
 * ({@code app.kubernetes.io/managed-by=kustomize}). Unlike {@link String#intern()} it is bounded,
 * because label values are user data: a fixed table of {@code slots} strings, each at most {@code
 * maxLength} characters, a new string replacing whatever held its slot. So it never holds more than
 * {@code slots} strings (a string is only ever a few hundred bytes), and a value seen once merely
 * takes a slot until another string hashes there; values seen often win their slot back at once.
 *
 * <p>Informer threads call it concurrently without a lock. A racy slot write is harmless: a reader
 * sees either string (both are correct answers, a miss only costs a duplicate), and {@code String}
 * is immutable, so it is safely published even through a data race.
 */
final class StringInterner {
  private final String[] table;
  private final int maxLength;

  /**
   * @param slots how many strings the interner holds at most; a power of two
   * @param maxLength longer strings are returned as they are, never held
   */
  StringInterner(int slots, int maxLength) {
    if (slots <= 0 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.table = new String[slots];
    this.maxLength = maxLength;
  }

  /** An instance equal to {@code s}: the held one when there is one, else {@code s} itself. */
  String intern(String s) {
    if (s == null || s.length() > maxLength) return s;
    int h = s.hashCode();
    int slot = (h ^ (h >>> 16)) & (table.length - 1);
    String held = table[slot];
    if (s.equals(held)) return held;
    table[slot] = s;
    return s;
  }

  /** How many strings it holds now (at most the number of slots). */
  int size() {
    int n = 0;
    for (String s : table) if (s != null) n++;
    return n;
  }

  int slots() {
    return table.length;
  }
}
