/**
 * aq-stream benchkit: what the benchmarks share ({@link io.aqstream.benchkit.MarkdownSection} for their
 * sections of docs/benchmarks.md and docs/reliability.md, {@link io.aqstream.benchkit.MachineInfo}), the
 * node start-up benchmark (bench/node-startup) and bench/run's overview section. Kept off the runtime
 * classpath of bin/ (dist/target/lib): bench/node-startup and bench/run run it on that classpath plus
 * benchkit's classes.
 */
package io.aqstream.benchkit;
