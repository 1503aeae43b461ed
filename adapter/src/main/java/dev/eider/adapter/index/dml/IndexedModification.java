package dev.eider.adapter.index.dml;

import static dev.eider.adapter.index.IndexDefinition.quote;

import dev.eider.adapter.DuckDbSchema.DuckDbColumn;
import dev.eider.adapter.DuckDbTable;
import dev.eider.adapter.index.IndexManager;
import dev.eider.adapter.index.IndexWrite;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.adapter.vector.Vectors;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.core.TableModify.Operation;

/**
 * Runs one INSERT / UPDATE / DELETE on an indexed DuckDB table: every row change goes to DuckDB on the
 * {@link IndexWrite}'s session (by key for UPDATE and DELETE, through a statement prepared once per
 * session), every vector change goes to each
 * index's graph, and one commit makes both durable. Any failure rolls back both.
 */
public final class IndexedModification {
  private static final Pattern VECTOR = Pattern.compile("(?:FLOAT|REAL|FLOAT4)\\[(\\d+)]");

  private final DuckDbTable table;
  /** The columns as planned: the input rows have this shape, so they are read once, not per run. */
  private final List<DuckDbColumn> columns;
  private final Operation operation;
  private final List<String> updateColumns;
  private final boolean scalarResult;

  IndexedModification(DuckDbTable table, Operation operation, List<String> updateColumns,
      boolean scalarResult) {
    this.table = table;
    this.columns = table.duckDbColumns();
    this.operation = operation;
    this.updateColumns = List.copyOf(updateColumns);
    this.scalarResult = scalarResult;
  }

  /** Applies the statement to {@code rows} (Calcite's input rows) and returns the row count. */
  public Enumerable<Object> execute(Enumerable<Object[]> rows) {
    List<Object[]> input = rows.toList();
    IndexManager manager = table.schema().database().indexManager();
    List<VectorIndex> indexes = table.vectorIndexes();
    if (indexes.isEmpty()) {
      throw new IllegalStateException("The LM_DISKANN indexes of " + table.duckDbName()
          + " were dropped after this statement was prepared: prepare it again");
    }
    long count;
    try (IndexWrite write = manager.beginWrite(indexes)) {
      count = switch (operation) {
        case INSERT -> insert(write, columns, input);
        case UPDATE -> update(write, columns, input);
        case DELETE -> delete(write, columns, input);
        default -> throw new UnsupportedOperationException(operation + " is not supported");
      };
      write.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(operation + " on " + table.duckDbName() + " failed: "
          + e.getMessage(), e);
    }
    return Linq4j.singletonEnumerable(scalarResult ? (Object) count : new Object[] {count});
  }

  private long insert(IndexWrite write, List<DuckDbColumn> columns, List<Object[]> rows)
      throws SQLException {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner values = new StringJoiner(", ");
    for (DuckDbColumn column : columns) {
      names.add(quote(column.name()));
      values.add(placeholder(column));
    }
    long count = 0;
    PreparedStatement insert = write.session().prepared("INSERT INTO "
        + target() + " (" + names + ") VALUES (" + values + ")");
    for (Object[] row : rows) {
      for (int i = 0; i < columns.size(); i++) {
        bind(insert, i + 1, columns.get(i), row[i]);
      }
      count += write.alongside(insert::executeUpdate, () -> {
        for (VectorIndex index : write.indexes()) {
          write.insert(index, key(row, columns, index.keyColumn()),
              row[position(columns, index.column())]);
        }
      });
    }
    return count;
  }

  private long update(IndexWrite write, List<DuckDbColumn> columns, List<Object[]> rows)
      throws SQLException {
    String key = write.indexes().get(0).keyColumn();
    int keyPosition = position(columns, key);
    StringJoiner sets = new StringJoiner(", ");
    List<DuckDbColumn> updated = new ArrayList<>();
    for (String name : updateColumns) {
      DuckDbColumn column = columns.get(position(columns, name));
      updated.add(column);
      sets.add(quote(column.name()) + " = " + placeholder(column));
    }
    List<VectorIndex> touched = write.indexes().stream().filter(this::touches).toList();
    long count = 0;
    PreparedStatement update = write.session().prepared("UPDATE " + target()
        + " SET " + sets + " WHERE " + quote(columns.get(keyPosition).name()) + " = ?");
    for (Object[] row : rows) {
      Object[] after = row.clone();
      for (int i = 0; i < updated.size(); i++) {
        bind(update, i + 1, updated.get(i), row[columns.size() + i]);
        after[position(columns, updated.get(i).name())] = row[columns.size() + i];
      }
      update.setObject(updated.size() + 1, row[keyPosition]);
      if (touched.isEmpty()) {
        count += update.executeUpdate();
        continue;
      }
      count += write.alongside(update::executeUpdate, () -> {
        for (VectorIndex index : touched) {
          write.delete(index, key(row, columns, index.keyColumn()));
          write.insert(index, key(after, columns, index.keyColumn()),
              after[position(columns, index.column())]);
        }
      });
    }
    return count;
  }

  /** Whether the statement changes the index's vector or key column (other columns leave it be). */
  private boolean touches(VectorIndex index) {
    return updateColumns.stream().anyMatch(c -> c.equalsIgnoreCase(index.column())
        || c.equalsIgnoreCase(index.keyColumn()));
  }

  private long delete(IndexWrite write, List<DuckDbColumn> columns, List<Object[]> rows)
      throws SQLException {
    String key = write.indexes().get(0).keyColumn();
    int keyPosition = position(columns, key);
    long count = 0;
    PreparedStatement delete = write.session().prepared("DELETE FROM " + target()
        + " WHERE " + quote(columns.get(keyPosition).name()) + " = ?");
    for (Object[] row : rows) {
      delete.setObject(1, row[keyPosition]);
      count += delete.executeUpdate();
      for (VectorIndex index : write.indexes()) {
        write.delete(index, key(row, columns, index.keyColumn()));
      }
    }
    return count;
  }

  private String target() {
    return quote(table.schema().duckDbSchema()) + "." + quote(table.duckDbName());
  }

  private static String placeholder(DuckDbColumn column) {
    String type = column.duckDbType().toUpperCase(Locale.ROOT);
    return VECTOR.matcher(type).matches() || type.equals("DATE") || type.startsWith("TIMESTAMP")
        ? "CAST(? AS " + column.duckDbType() + ")" : "?";
  }

  /** Binds Calcite's run-time value of a column (vectors as lists, dates as day numbers, ...). */
  private static void bind(PreparedStatement statement, int parameter, DuckDbColumn column,
      Object value) throws SQLException {
    if (value == null) {
      statement.setObject(parameter, null);
      return;
    }
    String type = column.duckDbType().toUpperCase(Locale.ROOT);
    Matcher vector = VECTOR.matcher(type);
    if (vector.matches()) {
      statement.setString(parameter,
          Vectors.toText(Vectors.toFloats(value, Integer.parseInt(vector.group(1)))));
    } else if (type.equals("DATE") && value instanceof Number days) {
      statement.setString(parameter, LocalDate.ofEpochDay(days.longValue()).toString());
    } else if (type.startsWith("TIMESTAMP") && value instanceof Number millis) {
      statement.setString(parameter, LocalDateTime.ofEpochSecond(
          Math.floorDiv(millis.longValue(), 1000), (int) Math.floorMod(millis.longValue(), 1000)
              * 1_000_000, ZoneOffset.UTC).toString());
    } else {
      statement.setObject(parameter, value);
    }
  }

  private static long key(Object[] row, List<DuckDbColumn> columns, String keyColumn) {
    Object value = row[position(columns, keyColumn)];
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException("The key column " + keyColumn + " of an indexed table must"
          + " not be NULL");
    }
    return number.longValue();
  }

  private static int position(List<DuckDbColumn> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new IllegalStateException("column " + name + " is not in the table any more");
  }
}
