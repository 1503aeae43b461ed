package dev.eider.adapter.index;

import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** Schema {@code sys} of an Eider connection: {@code sys.indexes} and {@code sys.index_searches}. */
public final class SysSchema extends AbstractSchema {
  /** Name of the schema in every Eider connection. */
  public static final String NAME = "sys";

  private final SysIndexesTable indexes = new SysIndexesTable();
  private final SysIndexSearchesTable searches = new SysIndexSearchesTable(indexes);

  public SysIndexesTable indexes() {
    return indexes;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return Map.of("indexes", indexes, "index_searches", searches);
  }
}
