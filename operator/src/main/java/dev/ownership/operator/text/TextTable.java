package dev.ownership.operator.text;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by three spaces, the way kubectl prints tables. */
public final class TextTable {
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(List<String> header) {
    rows.add(List.copyOf(header));
  }

  public TextTable row(List<String> cells) {
    rows.add(List.copyOf(cells));
    return this;
  }

  public boolean isEmpty() {
    return rows.size() == 1;
  }

  public void print(PrintWriter out, String indent) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < row.size() - 1) line.append(" ".repeat(widths[i] - cell.length() + 3));
      }
      out.println(line);
    }
    out.flush();
  }
}
