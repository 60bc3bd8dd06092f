package io.aqstream.common;

import java.util.List;

/**
 * The 13 measurements of the UCI "Air Quality" data set, in CSV column order.
 *
 * <p>The UCI headers ({@code CO(GT)}, {@code PT08.S1(CO)}) are not legal Avro or JSON-friendly names,
 * so every downstream contract (JSON messages, Parquet columns) uses {@link #column()}.
 */
public enum Measurement {
    CO_GT("CO(GT)", "co_gt", "mg/m^3", "true hourly averaged CO concentration"),
    PT08_S1_CO("PT08.S1(CO)", "pt08_s1_co", "sensor response", "tin oxide sensor, nominally CO targeted"),
    NMHC_GT("NMHC(GT)", "nmhc_gt", "ug/m^3", "true hourly averaged non-methanic hydrocarbons"),
    C6H6_GT("C6H6(GT)", "c6h6_gt", "ug/m^3", "true hourly averaged benzene concentration"),
    PT08_S2_NMHC("PT08.S2(NMHC)", "pt08_s2_nmhc", "sensor response", "titania sensor, nominally NMHC targeted"),
    NOX_GT("NOx(GT)", "nox_gt", "ppb", "true hourly averaged NOx concentration"),
    PT08_S3_NOX("PT08.S3(NOx)", "pt08_s3_nox", "sensor response", "tungsten oxide sensor, nominally NOx targeted"),
    NO2_GT("NO2(GT)", "no2_gt", "ug/m^3", "true hourly averaged NO2 concentration"),
    PT08_S4_NO2("PT08.S4(NO2)", "pt08_s4_no2", "sensor response", "tungsten oxide sensor, nominally NO2 targeted"),
    PT08_S5_O3("PT08.S5(O3)", "pt08_s5_o3", "sensor response", "indium oxide sensor, nominally O3 targeted"),
    T("T", "t", "degC", "temperature"),
    RH("RH", "rh", "%", "relative humidity"),
    AH("AH", "ah", "absolute humidity", "absolute humidity");

    /** All values in CSV order, without the defensive copy {@link #values()} makes on each call. */
    public static final List<Measurement> ALL = List.of(values());

    private final String csvHeader;
    private final String column;
    private final String unit;
    private final String description;

    Measurement(String csvHeader, String column, String unit, String description) {
        this.csvHeader = csvHeader;
        this.column = column;
        this.unit = unit;
        this.description = description;
    }

    /** The header as written in the UCI CSV, e.g. {@code CO(GT)}. */
    public String csvHeader() {
        return csvHeader;
    }

    /** The snake_case name used in JSON messages and Parquet columns, e.g. {@code co_gt}. */
    public String column() {
        return column;
    }

    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }
}
