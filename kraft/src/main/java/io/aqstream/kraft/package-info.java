/** aq-stream kraft. */
package io.aqstream.kraft;
