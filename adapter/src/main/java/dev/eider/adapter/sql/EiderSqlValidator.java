package dev.eider.adapter.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Util;

/**
 * Calcite's validator with two DuckDB habits: {@code CAST(x AS FLOAT[n])} means
 * {@code TO_VECTOR(x, n)} (Calcite itself cannot cast text to an array), and a column selected by
 * name without an alias is labelled with the catalog's spelling ({@code select ID from docs} gives a
 * column {@code id}, as in DuckDB and PostgreSQL).
 */
public class EiderSqlValidator extends CalciteSqlValidator {

  public EiderSqlValidator(SqlOperatorTable operatorTable, CalciteCatalogReader catalogReader,
      JavaTypeFactory typeFactory, Config config) {
    super(operatorTable, catalogReader, typeFactory, config);
  }

  @Override
  public SqlNode validate(SqlNode topNode) {
    return super.validate(VectorCasts.rewrite(topNode));
  }

  @Override
  protected RelDataType validateSelectList(SqlNodeList selectItems, SqlSelect select,
      RelDataType targetRowType) {
    RelDataType rowType = super.validateSelectList(selectItems, select, targetRowType);
    SqlNodeList items = select.getSelectList();
    if (items.size() != rowType.getFieldCount()) {
      return rowType;
    }
    List<String> names = new ArrayList<>(rowType.getFieldNames());
    boolean renamed = false;
    for (int i = 0; i < items.size(); i++) {
      String catalogName = catalogSpelling(items.get(i), names.get(i));
      if (catalogName != null && !names.contains(catalogName)) {
        ((SqlBasicCall) items.get(i)).setOperand(1,
            new SqlIdentifier(catalogName, SqlParserPos.ZERO));
        names.set(i, catalogName);
        renamed = true;
      }
    }
    if (!renamed) {
      return rowType;
    }
    return typeFactory.createStructType(
        rowType.getFieldList().stream().map(RelDataTypeField::getType).toList(), names);
  }

  /**
   * The catalog's spelling of a column the validator expanded as {@code table.col AS "Label"} only
   * because the query spelled it differently (the validator's aliases have no parser position; a
   * user's {@code AS} has one and is kept).
   */
  private static String catalogSpelling(SqlNode item, String label) {
    if (item instanceof SqlBasicCall as && as.getKind() == SqlKind.AS
        && as.operand(0) instanceof SqlIdentifier column && !column.isStar()
        && as.operand(1) instanceof SqlIdentifier alias
        && alias.getParserPosition().equals(SqlParserPos.ZERO)) {
      String name = Util.last(column.names);
      return !name.equals(label) && name.equalsIgnoreCase(label) ? name : null;
    }
    return null;
  }
}
