package dev.eider.adapter.index.dml;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Turns an {@link IndexedTableModify} into its executable {@link EnumerableIndexedTableModify}. */
final class IndexedTableModifyRule extends ConverterRule {
  static final IndexedTableModifyRule INSTANCE = Config.INSTANCE
      .withConversion(IndexedTableModify.class, IndexedTableModify.CONVENTION,
          EnumerableConvention.INSTANCE,
          "IndexedTableModifyRule")
      .withRuleFactory(IndexedTableModifyRule::new)
      .toRule(IndexedTableModifyRule.class);

  private IndexedTableModifyRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    IndexedTableModify modify = (IndexedTableModify) rel;
    RelNode input = convert(modify.getInput(),
        modify.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
    return new EnumerableIndexedTableModify(modify.getCluster(),
        modify.getTraitSet().replace(EnumerableConvention.INSTANCE), modify.getTable(),
        modify.getCatalogReader(), input, modify.getOperation(), modify.getUpdateColumnList(),
        modify.getSourceExpressionList(), modify.isFlattened());
  }
}
