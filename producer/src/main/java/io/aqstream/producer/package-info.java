/** aq-stream producer. */
package io.aqstream.producer;
