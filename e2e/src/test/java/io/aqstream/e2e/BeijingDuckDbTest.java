package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import io.aqstream.testkit.WithKraftNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Beijing contract end to end on the 12 real station files: one bin/produce of the folder detects the
 * format and writes air-quality-beijing; one bin/consume with two --topic writes it and the UCI topic, each
 * with its own columns. DuckDB, which shares no code with the pipeline, reads the 12 CSVs itself
 * ({@code read_csv}, NA as NULL) and the Parquet: 420,768 rows, each once, every value and null equal.
 */
@WithKraftNode
class BeijingDuckDbTest {
    static final String BEIJING_COLUMNS = "pm2_5, pm10, so2, no2, co, o3, temp, pres, dewp, rain, wd, wspm";

    @TempDir
    Path output;
    private final KraftTestNode node;

    BeijingDuckDbTest(KraftTestNode node) {
        this.node = node;
    }

    @Test
    void theTwelveStationsAndTheUciFileLandTypedAndRowByRowEqual() throws Exception {
        Path folder = RepoFiles.beijingDir();
        CliResult produced = Cli.run(new ProduceCommand(), folder.toString(), "--bootstrap-server",
                node.bootstrapServers(), "--speed", "max", "--batch-size", "1000");
        assertEquals(0, produced.exitCode(), produced.toString());
        CliResult uci = Cli.run(new ProduceCommand(), RepoFiles.realCsv().toString(), "--bootstrap-server",
                node.bootstrapServers(), "--speed", "max");
        assertEquals(0, uci.exitCode(), uci.toString());

        CliResult consumed = Cli.run(new ConsumeCommand(), "--bootstrap-server", node.bootstrapServers(),
                "--output", output.toString(), "--topic", "air-quality-beijing", "--topic", "air-quality-data",
                "--stop-at-end", "--stop-after-idle", "3", "--progress", "0");
        assertEquals(0, consumed.exitCode(), consumed.toString());
        assertTrue(consumed.out().contains("topic:           air-quality-beijing"), consumed.out());

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            String parquet = "read_parquet('" + output.resolve("air-quality-beijing") + "/*.parquet')";
            assertEquals(420_768L, one(st, "SELECT count(*) FROM " + parquet));
            assertEquals(420_768L, one(st, "SELECT count(DISTINCT (station, timestamp)) FROM " + parquet));
            assertEquals(12L, one(st, "SELECT count(DISTINCT station) FROM " + parquet));
            assertEquals(78L, one(st, "SELECT count(*) FROM " + parquet + " WHERE station = 'Dongsi' AND wd IS NULL"));
            assertEquals("VARCHAR", text(st, "SELECT typeof(wd) FROM " + parquet + " LIMIT 1"));
            assertEquals("TIMESTAMP", text(st, "SELECT typeof(timestamp) FROM " + parquet + " LIMIT 1"));
            String csv = csvTable(folder.resolve("PRSA_Data_*_20130301-20170228.csv"));
            assertEquals(420_768L, one(st, "SELECT count(*) FROM " + csv));
            assertEquals(0L, one(st, differences(csv, parquet)));
            // The UCI topic, read in the same process, kept its own columns.
            assertEquals(9_357L, one(st, "SELECT count(co_gt IS NULL) FROM read_parquet('"
                    + output.resolve("air-quality-data") + "/*.parquet')"));
        }
    }

    /** The CSV as DuckDB itself reads it, in the contract's names. */
    static String csvTable(Path... files) {
        StringBuilder list = new StringBuilder();
        for (Path f : files) {
            list.append(list.length() == 0 ? "" : ", ").append('\'').append(f).append('\'');
        }
        return "(SELECT station, make_timestamp(year, month, day, hour, 0, 0) AS timestamp, \"PM2.5\" AS pm2_5,"
                + " PM10 AS pm10, SO2 AS so2, NO2 AS no2, CO AS co, O3 AS o3, TEMP AS temp, PRES AS pres,"
                + " DEWP AS dewp, RAIN AS rain, wd, WSPM AS wspm FROM read_csv([" + list + "], header = true,"
                + " nullstr = 'NA'))";
    }

    /** Rows missing on either side, or with any value (or null) that differs. */
    static String differences(String csv, String parquet) {
        StringBuilder differs = new StringBuilder("c.station IS NULL OR p.station IS NULL");
        for (String column : BEIJING_COLUMNS.split(", ")) {
            differs.append(" OR c.").append(column).append(" IS DISTINCT FROM p.").append(column);
        }
        return "SELECT count(*) FROM " + csv + " c FULL OUTER JOIN " + parquet + " p ON c.station = p.station AND"
                + " c.timestamp = p.timestamp WHERE " + differs;
    }

    static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
