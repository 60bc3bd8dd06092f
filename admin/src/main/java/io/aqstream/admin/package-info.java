/**
 * {@code bin/aq-admin}: the operator's tools for the pipeline (health, topics, groups, lag, offsets,
 * tail, dead letters) and the analyst's summary of {@code processed_data/}. One small picocli class
 * per subcommand; Kafka access and error translation live in {@link io.aqstream.admin.KafkaConnection}.
 */
package io.aqstream.admin;
