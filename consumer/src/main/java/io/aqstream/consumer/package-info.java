/**
 * aq-stream consumer ({@code bin/consume}): read_committed records of air-quality-data into Parquet files
 * in processed_data/, exactly once. {@link io.aqstream.consumer.ConsumeCommand} is the command line,
 * {@link io.aqstream.consumer.ConsumeLoop} the poll loop and rebalance handling; the file side lives in
 * {@code sink} (open files, rolling, publish-then-commit), {@code files} (names, recovery, fsync + rename)
 * and {@code parquet} (the column contract and the writer).
 */
package io.aqstream.consumer;
