/**
 * The optional Prometheus endpoint ({@code --metrics-port}) of the producer, the consumer and the node:
 * {@link io.aqstream.common.metrics.Metric} samples, their text format, and the JDK HTTP server serving them.
 */
package io.aqstream.common.metrics;
