package dev.eider.adapter.parser;

import dev.eider.adapter.parser.impl.EiderSqlParserImpl;
import java.io.Reader;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;

/**
 * Eider's parser (Calcite's core grammar plus vector operators, {@code FLOAT[n]} and DuckDB
 * pass-through DDL) and its DDL executor. Connections name it in the {@code parserFactory} property.
 */
public class EiderSqlParserFactory implements SqlParserImplFactory {

  @Override
  public SqlAbstractParserImpl getParser(Reader reader) {
    return EiderSqlParserImpl.FACTORY.getParser(reader);
  }

  @Override
  public DdlExecutor getDdlExecutor() {
    return new EiderDdlExecutor();
  }
}
