package io.aqstream.securecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB (no code of ours) reads a topic's Parquet folder: {@code rows} rows and as many distinct timestamps, i.e.
 * every row of a one-station replay once.
 */
final class OncePerTimestamp {
    private OncePerTimestamp() {
    }

    static void assertEveryRowOnce(Path topicFolder, long rows) throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duckdb.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT timestamp) FROM read_parquet('"
                        + topicFolder + "/**/*.parquet')")) {
            assertTrue(rs.next());
            assertEquals(rows, rs.getLong(1), "rows in " + topicFolder);
            assertEquals(rows, rs.getLong(2), "distinct timestamps in " + topicFolder);
        }
    }
}
