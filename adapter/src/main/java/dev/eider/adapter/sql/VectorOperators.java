package dev.eider.adapter.sql;

import dev.eider.adapter.embed.EmbedFunction;
import dev.eider.adapter.type.DuckDbTypes;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Eider's vector operators and functions (pgvector's meanings) and the operator table that holds them.
 * After validation every distance is a call of one of the {@link VectorFunction}s below, whose vector
 * operands are FLOAT[n] typed (other forms are wrapped in {@link #TO_VECTOR}); planner rules match
 * these functions.
 */
public final class VectorOperators {
  /** Euclidean distance; DuckDB {@code array_distance}. */
  public static final VectorFunction L2_DISTANCE =
      new VectorFunction("L2_DISTANCE", "l2Distance", ReturnTypes.DOUBLE_NULLABLE,
          VectorOperandChecker.PAIR);
  /** 1 - cosine similarity; DuckDB {@code array_cosine_distance}. */
  public static final VectorFunction COSINE_DISTANCE =
      new VectorFunction("COSINE_DISTANCE", "cosineDistance", ReturnTypes.DOUBLE_NULLABLE,
          VectorOperandChecker.PAIR);
  /** Minus the dot product; DuckDB {@code array_negative_inner_product}. */
  public static final VectorFunction NEGATIVE_INNER_PRODUCT =
      new VectorFunction("NEGATIVE_INNER_PRODUCT", "negativeInnerProduct",
          ReturnTypes.DOUBLE_NULLABLE, VectorOperandChecker.PAIR);
  /** The dot product (pgvector's inner_product); DuckDB {@code array_inner_product}. */
  public static final VectorFunction INNER_PRODUCT =
      new VectorFunction("INNER_PRODUCT", "innerProduct", ReturnTypes.DOUBLE_NULLABLE,
          VectorOperandChecker.PAIR);
  /** Number of elements. */
  public static final VectorFunction VECTOR_DIMS =
      new VectorFunction("VECTOR_DIMS", "vectorDims", ReturnTypes.INTEGER_NULLABLE,
          VectorOperandChecker.SINGLE);
  /** Euclidean norm. */
  public static final VectorFunction VECTOR_NORM =
      new VectorFunction("VECTOR_NORM", "vectorNorm", ReturnTypes.DOUBLE_NULLABLE,
          VectorOperandChecker.SINGLE_FIXED);
  /** {@code TO_VECTOR(value, n)}: value (text, array, parameter) as FLOAT[n]; what CAST becomes. */
  public static final VectorFunction TO_VECTOR =
      new VectorFunction("TO_VECTOR", "toVector", VectorOperators::toVectorType,
          VectorOperandChecker.CONVERSION);

  public static final VectorDistanceOperator L2_DISTANCE_OPERATOR =
      new VectorDistanceOperator("<->", L2_DISTANCE);
  public static final VectorDistanceOperator COSINE_DISTANCE_OPERATOR =
      new VectorDistanceOperator("<=>", COSINE_DISTANCE);
  public static final VectorDistanceOperator NEGATIVE_INNER_PRODUCT_OPERATOR =
      new VectorDistanceOperator("<#>", NEGATIVE_INNER_PRODUCT);

  /** All of the above, for chaining into the validator's operator table. */
  public static final SqlOperatorTable TABLE = SqlOperatorTables.of(List.<SqlOperator>of(
      L2_DISTANCE, COSINE_DISTANCE, NEGATIVE_INNER_PRODUCT, INNER_PRODUCT, VECTOR_DIMS, VECTOR_NORM,
      TO_VECTOR, L2_DISTANCE_OPERATOR, COSINE_DISTANCE_OPERATOR, NEGATIVE_INNER_PRODUCT_OPERATOR,
      EmbedFunction.INSTANCE));

  private VectorOperators() {}

  private static RelDataType toVectorType(SqlOperatorBinding binding) {
    int dimension = binding.getOperandLiteralValue(1, Integer.class);
    RelDataType vector = DuckDbTypes.vectorType(binding.getTypeFactory(), dimension);
    return binding.getTypeFactory().createTypeWithNullability(vector,
        binding.getOperandType(0).isNullable());
  }

  /** The literal {@code n} of a TO_VECTOR call. */
  static SqlLiteral dimensionLiteral(int dimension) {
    return SqlLiteral.createExactNumeric(Integer.toString(dimension),
        SqlParserPos.ZERO);
  }
}
