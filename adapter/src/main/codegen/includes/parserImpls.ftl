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
