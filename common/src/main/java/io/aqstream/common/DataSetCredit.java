package io.aqstream.common;

/**
 * The credit line of the data set the project ships. CC BY 4.0 asks every copy and every work built on it
 * (bin/pipeline's banner, bin/aq-report's overview) to name it; the full credit is in data/README.md.
 */
public final class DataSetCredit {
    /** The station id the producer gives the shipped file's rows (its file name without .csv). */
    public static final String UCI_STATION = "AirQualityUCI";
    public static final String UCI = "UCI Air Quality, De Vito (ENEA), CC BY 4.0, doi:10.24432/C59K5F";

    private DataSetCredit() {
    }
}
