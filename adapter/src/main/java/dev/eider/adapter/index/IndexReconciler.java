package dev.eider.adapter.index;

import static dev.eider.adapter.index.IndexDefinition.quote;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings an index in line with its table after other programs wrote to the DuckDB file: rows whose key
 * the lookup table lacks are indexed, lookup rows whose table row is gone (or whose vector became NULL)
 * are removed. A vector changed in place behind Eider's back is not detected (rebuild for that).
 */
public final class IndexReconciler {

  /** What a reconciliation did. */
  public record Result(int inserted, int deleted) {
    public boolean changed() {
      return inserted > 0 || deleted > 0;
    }
  }

  private IndexReconciler() {}

  static Result reconcile(IndexWrite write, VectorIndex index) throws SQLException {
    if (index.graph() == null) {
      return new Result(0, 0);
    }
    IndexDefinition d = index.definition();
    String key = quote(d.keyColumn());
    String column = quote(d.column());
    List<Long> gone = new ArrayList<>();
    try (Statement statement = write.session().connection().createStatement();
        ResultSet rows = statement.executeQuery("SELECT l.row_key FROM " + d.lookupTable() + " l"
            + " WHERE NOT EXISTS (SELECT 1 FROM " + d.qualifiedTable() + " b WHERE b." + key
            + " = l.row_key AND b." + column + " IS NOT NULL)")) {
      while (rows.next()) {
        gone.add(rows.getLong(1));
      }
    }
    for (long rowKey : gone) {
      write.delete(index, rowKey);
    }
    int inserted = 0;
    try (Statement statement = write.session().connection().createStatement();
        ResultSet rows = statement.executeQuery("SELECT b." + key + ", b." + column + " FROM "
            + d.qualifiedTable() + " b WHERE b." + column + " IS NOT NULL AND NOT EXISTS"
            + " (SELECT 1 FROM " + d.lookupTable() + " l WHERE l.row_key = b." + key + ")")) {
      while (rows.next()) {
        write.insert(index, rows.getLong(1), rows.getArray(2));
        inserted++;
      }
    }
    return new Result(inserted, gone.size());
  }
}
