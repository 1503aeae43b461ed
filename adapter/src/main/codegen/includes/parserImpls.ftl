<#--
  Eider's additions to Calcite's core grammar.
-->

/** {@code a <-> b}, {@code a <=> b}, {@code a <#> b}: pgvector's distance operators. */
void VectorDistanceExpression(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlOperator op;
}
{
    (
        <L2_DISTANCE> { op = VectorOperators.L2_DISTANCE_OPERATOR; }
    |
        <COSINE_DISTANCE> { op = VectorOperators.COSINE_DISTANCE_OPERATOR; }
    |
        <NEGATIVE_INNER_PRODUCT> { op = VectorOperators.NEGATIVE_INNER_PRODUCT_OPERATOR; }
    )
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(op, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** DuckDB's fixed-size float array type {@code FLOAT[n]}, the vector type. */
SqlTypeNameSpec VectorTypeName() :
{
    final Span s;
    final int dimension;
}
{
    <FLOAT> { s = span(); }
    <LBRACKET> dimension = UnsignedIntLiteral() <RBRACKET>
    {
        return new VectorTypeNameSpec(dimension, s.end(this));
    }
}

/** Consumes the rest of the statement; its text is taken from the original SQL. */
JAVACODE void SkipRestOfStatement() {
    while (getToken(1).kind != EOF && getToken(1).kind != SEMICOLON) {
        getNextToken();
    }
}

/** CREATE TABLE / VIEW / SCHEMA / SEQUENCE: DuckDB statements that Eider passes through unchanged. */
SqlCreate SqlCreatePassthrough(Span s, boolean replace) :
{
    final SqlKind kind;
}
{
    (
        <TABLE> { kind = SqlKind.CREATE_TABLE; }
    |
        <VIEW> { kind = SqlKind.CREATE_VIEW; }
    |
        <SCHEMA> { kind = SqlKind.CREATE_SCHEMA; }
    |
        <SEQUENCE> { kind = SqlKind.CREATE_SEQUENCE; }
    )
    SkipRestOfStatement()
    {
        return new SqlCreatePassthrough(kind, s.end(this), replace, originalSql);
    }
}

/** DROP TABLE / VIEW / SCHEMA / SEQUENCE, passed through to DuckDB unchanged. */
SqlDrop SqlDropPassthrough(Span s, boolean replace) :
{
    final SqlKind kind;
}
{
    (
        <TABLE> { kind = SqlKind.DROP_TABLE; }
    |
        <VIEW> { kind = SqlKind.DROP_VIEW; }
    |
        <SCHEMA> { kind = SqlKind.DROP_SCHEMA; }
    |
        <SEQUENCE> { kind = SqlKind.DROP_SEQUENCE; }
    )
    SkipRestOfStatement()
    {
        return new SqlDropPassthrough(kind, s.end(this), originalSql);
    }
}

/**
 * CREATE INDEX [IF NOT EXISTS] name ON table USING LM_DISKANN (column) [WITH (option = value, ...)].
 * An index without USING, or USING another method, is DuckDB's: the statement is passed through.
 */
SqlCreate SqlCreateIndex(Span s, boolean replace) :
{
    boolean ifNotExists = false;
    final SqlIdentifier name;
    final SqlIdentifier table;
    SqlIdentifier method = null;
    SqlIdentifier column = null;
    SqlNodeList indexOptions = SqlNodeList.EMPTY;
}
{
    <INDEX> [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    name = SimpleIdentifier()
    <ON> table = CompoundIdentifier()
    (
        <USING> method = SimpleIdentifier()
        (
            LOOKAHEAD({ SqlCreateVectorIndex.isLmDiskann(method) })
            <LPAREN> column = SimpleIdentifier() <RPAREN>
            [ <WITH> indexOptions = IndexOptionList() ]
        |
            SkipRestOfStatement()
        )
    |
        SkipRestOfStatement()
    )
    {
        return new SqlCreateVectorIndex(s.end(this), replace, ifNotExists, name, table, method,
            column, indexOptions, originalSql);
    }
}

/** ( name = value, ... ) where a value is a string, a number or a bare word. */
SqlNodeList IndexOptionList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    IndexOption(list)
    (
        <COMMA> IndexOption(list)
    )*
    <RPAREN>
    {
        return new SqlNodeList(list, s.end(this));
    }
}

void IndexOption(List<SqlNode> list) :
{
    final SqlNode key;
    final SqlNode value;
}
{
    key = SimpleIdentifier()
    <EQ>
    (
        value = StringLiteral()
    |
        value = NumericLiteral()
    |
        value = SimpleIdentifier()
    )
    {
        list.add(key);
        list.add(value);
    }
}

/** DROP INDEX [IF EXISTS] name: an LM-DiskANN index, else passed through to DuckDB. */
SqlDrop SqlDropIndex(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier name;
}
{
    <INDEX> [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    name = CompoundIdentifier()
    {
        return new SqlDropVectorIndex(s.end(this), ifExists, name, originalSql);
    }
}

/** VACUUM INDEX name: merge the journal into the graph file, reclaim deleted nodes. */
SqlNode SqlVacuumIndex() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <VACUUM> { s = span(); } <INDEX> name = CompoundIdentifier()
    {
        return new SqlIndexMaintenance(s.end(this), name, SqlIndexMaintenance.Action.VACUUM);
    }
}

/** ALTER INDEX name REBUILD | REFRESH. */
SqlNode SqlAlterIndex() :
{
    final Span s;
    final SqlIdentifier name;
    final SqlIndexMaintenance.Action action;
}
{
    <ALTER> { s = span(); } <INDEX> name = CompoundIdentifier()
    (
        <REBUILD> { action = SqlIndexMaintenance.Action.REBUILD; }
    |
        <REFRESH> { action = SqlIndexMaintenance.Action.REFRESH; }
    )
    {
        return new SqlIndexMaintenance(s.end(this), name, action);
    }
}
