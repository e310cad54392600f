package io.dynakv.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header row and rows, columns padded to their widest cell. */
final class Table {

  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  Table(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  Table row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    String[] row = new String[columns];
    for (int i = 0; i < columns; i++) {
      row[i] = String.valueOf(cells[i]);
    }
    rows.add(row);
    return this;
  }

  /** The lines, without trailing spaces. */
  List<String> lines() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  @Override
  public String toString() {
    return String.join(System.lineSeparator(), lines());
  }
}
