package dev.eider.server.cli;

import java.io.PrintWriter;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A result set printed as a text table, the way sqlline prints one. */
final class ResultTable {
  private final List<String> header = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  ResultTable(ResultSet resultSet) throws SQLException {
    ResultSetMetaData meta = resultSet.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      header.add(meta.getColumnLabel(i));
    }
    while (resultSet.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        row.add(text(resultSet.getObject(i)));
      }
      rows.add(row);
    }
  }

  void print(PrintWriter out) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    String rule = rule(widths);
    out.println(rule);
    out.println(line(header, widths));
    out.println(rule);
    for (List<String> row : rows) {
      out.println(line(row, widths));
    }
    out.println(rule);
    out.println(rows.size() + (rows.size() == 1 ? " row" : " rows") + " selected");
  }

  private static String rule(int[] widths) {
    StringBuilder line = new StringBuilder("+");
    for (int width : widths) {
      line.append("-".repeat(width + 2)).append('+');
    }
    return line.toString();
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int c = 0; c < widths.length; c++) {
      line.append(' ').append(cells.get(c)).append(" ".repeat(widths[c] - cells.get(c).length()))
          .append(" |");
    }
    return line.toString();
  }

  private static String text(Object value) throws SQLException {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Array array) {
      return text(array.getArray());
    }
    return switch (value) {
      case float[] floats -> Arrays.toString(floats);
      case double[] doubles -> Arrays.toString(doubles);
      case int[] ints -> Arrays.toString(ints);
      case long[] longs -> Arrays.toString(longs);
      case Object[] objects -> Arrays.deepToString(objects);
      default -> String.valueOf(value);
    };
  }
}
