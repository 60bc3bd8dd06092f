package io.aqstream.reliability;

import java.util.List;

/**
 * The 13 measurement columns in the UCI file's order, as named by the message and Parquet contracts
 * (docs/contracts.md, processed_data/README.md). Written out here on purpose instead of reusing the project's
 * Measurement enum: the verifier checks the pipeline against its documented contract, so it must not
 * inherit a mistake from the code it checks.
 */
final class Columns {
    static final List<String> MEASUREMENTS = List.of("co_gt", "pt08_s1_co", "nmhc_gt", "c6h6_gt", "pt08_s2_nmhc",
            "nox_gt", "pt08_s3_nox", "no2_gt", "pt08_s4_no2", "pt08_s5_o3", "t", "rh", "ah");

    private Columns() {
    }
}
