package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatementAccessTest {

  static Stream<Arguments> statements() {
    return Stream.of(
        Arguments.of("select 1", Role.READER),
        Arguments.of("(SELECT * FROM t) UNION (SELECT * FROM u)", Role.READER),
        Arguments.of("/* a comment */ -- another\n with x as (select 1) select * from x", Role.READER),
        Arguments.of("select /*+ LM_DISKANN(search_l=300) */ id from docs", Role.READER),
        Arguments.of("values (1)", Role.READER),
        Arguments.of("EXPLAIN PLAN FOR INSERT INTO t VALUES (1)", Role.READER),
        Arguments.of("insert into t values (1)", Role.WRITER),
        Arguments.of("-- comment\nUPDATE t SET a = 1", Role.WRITER),
        Arguments.of("delete from t", Role.WRITER),
        Arguments.of("merge into t using u on t.id = u.id when matched then delete", Role.WRITER),
        Arguments.of("create table t (id int)", Role.ADMIN),
        Arguments.of("CREATE INDEX i ON t USING LM_DISKANN (e)", Role.ADMIN),
        Arguments.of("drop table t", Role.ADMIN),
        Arguments.of("vacuum index i", Role.ADMIN),
        Arguments.of("alter session set x = 1", Role.ADMIN),
        Arguments.of("/* unterminated comment select 1", Role.ADMIN),
        Arguments.of("frobnicate everything", Role.ADMIN));
  }

  @ParameterizedTest
  @MethodSource("statements")
  void theFirstKeywordDecidesTheRoleAndUnknownStatementsNeedAnAdmin(String sql, Role expected) {
    assertThat(StatementAccess.requiredRole(sql)).isEqualTo(expected);
  }

  @Test
  void theRefusalNamesTheUserTheirRoleAndWhatTheStatementNeeds() {
    Caller reader = new Caller("x", Role.READER);

    assertThat(StatementAccess.refusal(reader, Role.WRITER, "insert into t values (1)"))
        .isEqualTo("user x has role reader: INSERT needs writer");
  }
}
