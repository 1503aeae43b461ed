package dev.eider.lmdiskann.quant;

/**
 * Approximate internal distances from one query to neighbor codes, read straight from block bytes. One scorer
 * belongs to one search at a time; {@link #setQuery} precomputes whatever the codes need (lookup tables).
 */
public interface CodeScorer {

    /** Prepares for a query already in stored form (normalised for cosine). */
    void setQuery(float[] query);

    /** Approximate internal distance to the code at {@code block[offset..]}. */
    float distance(byte[] block, int offset);
}
