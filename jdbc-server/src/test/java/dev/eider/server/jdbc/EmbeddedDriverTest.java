package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDriverTest {
  @TempDir Path dir;

  @Test
  void smoke() throws Exception {
    Path file = dir.resolve("t.duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = duck.createStatement()) {
      s.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, title VARCHAR, emb FLOAT[3])");
      s.execute("INSERT INTO docs VALUES (1, 'a', [1,2,3]), (2, 'b', [4,5,6])");
    }
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + file);
        Statement e = eider.createStatement()) {
      for (String q : List.of("select ID, Title, emb from Docs where id > 0 order by id",
          "select id, emb <-> ARRAY[1,2,4] as d, emb <=> '[1,2,4]', emb <#> CAST('[1,2,4]' AS FLOAT[3]), vector_dims(emb), vector_norm(emb), inner_product(emb, emb) from docs order by d limit 1",
          "explain plan for select id, emb <-> ARRAY[1,2,4] as d from docs order by d limit 1",
          "select l2_distance(ARRAY[1,2], ARRAY[2,3]), ARRAY[1,2] <=> '[3,4]'",
          "create table t2 (id int, v FLOAT[2])",
          "insert into t2 values (1, ARRAY[1.0, 2.0])",
          "select * from t2",
          "update t2 set id = 5",
          "select * from t2")) {
        System.out.println("== " + q);
        if (!e.execute(q)) { System.out.println("count " + e.getUpdateCount()); continue; }
        try (ResultSet rs = e.getResultSet()) {
          int n = rs.getMetaData().getColumnCount();
          StringBuilder h = new StringBuilder();
          for (int i = 1; i <= n; i++) h.append(rs.getMetaData().getColumnLabel(i)).append(':').append(rs.getMetaData().getColumnTypeName(i)).append(" | ");
          System.out.println(h);
          while (rs.next()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= n; i++) b.append(rs.getObject(i)).append(" | ");
            System.out.println(b);
          }
        }
      }
      try (PreparedStatement p = eider.prepareStatement("select id, emb <-> ? as d from docs order by d limit 1")) {
        p.setString(1, "[1,2,4]");
        try (ResultSet rs = p.executeQuery()) { rs.next(); System.out.println("param " + rs.getObject(1) + " " + rs.getObject(2)); }
      }
    }
  }
}
