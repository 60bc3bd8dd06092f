package io.aqstream.common.format;

import java.time.LocalDateTime;

/**
 * One parsed row of any format: the station, the local timestamp and one value per
 * {@link FormatProfile#fields() field} ({@code Double} or {@code String}, {@code null} when missing).
 */
public record FormatRow(String station, LocalDateTime timestamp, Object[] values) {
}
