package dev.eider.adapter.index;

import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** Schema {@code sys} of an Eider connection: {@code sys.indexes}. */
public final class SysSchema extends AbstractSchema {
  /** Name of the schema in every Eider connection. */
  public static final String NAME = "sys";

  private final SysIndexesTable indexes = new SysIndexesTable();

  public SysIndexesTable indexes() {
    return indexes;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return Map.of("indexes", indexes);
  }
}
