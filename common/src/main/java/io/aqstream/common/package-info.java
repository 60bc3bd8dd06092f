/** Shared message contract, topic names and command-line support for aq-stream. */
package io.aqstream.common;
