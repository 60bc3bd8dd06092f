/** aq-stream testkit. */
package io.aqstream.testkit;
