/**
 * aq-stream kraft: the project's single Kafka 4.4 KRaft node (broker + controller in one JVM).
 *
 * <p>{@link io.aqstream.kraft.StartKraft} (bin/start-kraft) reads {@link io.aqstream.kraft.NodeConfig},
 * runs the {@link io.aqstream.kraft.Preflight} checks (data dir, disk, {@link io.aqstream.kraft.NodeLock},
 * node id of the {@link io.aqstream.kraft.Storage}, {@link io.aqstream.kraft.PortCheck}), formats the
 * storage once, starts Kafka's own {@code KafkaRaftServer}, creates the topics of conf/topics.conf
 * ({@link io.aqstream.kraft.TopicCreator}) and prints one ready line. {@link io.aqstream.kraft.NodeProcess}
 * runs it in a child JVM for --daemon and for test fixtures; {@link io.aqstream.kraft.StopKraft} and
 * {@link io.aqstream.kraft.ResetKraft} find the node through the same configuration.
 */
package io.aqstream.kraft;
