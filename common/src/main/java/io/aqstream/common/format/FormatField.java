package io.aqstream.common.format;

/**
 * One measurement of a format: the CSV column it comes from, its snake_case name in messages and Parquet,
 * its type, its unit and what it is.
 *
 * @param index 0-based position of {@code column} in the header
 * @param about what the value is, for the Parquet column's doc; may be empty
 */
public record FormatField(String column, int index, String name, Type type, String unit, String about) {
    /** What a value is in JSON and Parquet: a nullable double, or a nullable string. */
    public enum Type { NUMBER, TEXT }
}
