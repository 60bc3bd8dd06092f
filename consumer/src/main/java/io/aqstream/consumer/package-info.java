/** aq-stream consumer. */
package io.aqstream.consumer;
