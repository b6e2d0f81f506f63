package org.dgmoe.core.field;

/**
 * The neutral type of a {@link Field}'s value, as the part's getter returns it and its reader takes it
 * back ({@link Values}). Each writer (a Parquet column, a JSON value) maps these types once.
 */
public enum ValueType {
    /** {@link String}. */
    STRING,
    /** {@link Integer}. */
    INT,
    /** {@link Long}. */
    LONG,
    /** {@link Double}; written bit for bit, non-finite values included. */
    DOUBLE,
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@code double[]}, one entry per fitted expert. */
    DOUBLE_ARRAY,
    /** {@code double[][]}, one row per fitted expert. */
    DOUBLE_MATRIX,
    /**
     * A constant of the field's enum ({@link Field#enumType()}): written as its lower-case name in tables
     * ({@code converged}) and as its name in JSON files ({@code CONVERGED}), the spellings both formats
     * have always had.
     */
    ENUM
}
