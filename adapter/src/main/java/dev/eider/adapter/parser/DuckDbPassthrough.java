package dev.eider.adapter.parser;

/** A statement Eider does not interpret but hands to DuckDB as written (CREATE TABLE, DROP VIEW, ...). */
public interface DuckDbPassthrough {
  /** The statement's SQL text, as the user wrote it. */
  String duckDbSql();
}
