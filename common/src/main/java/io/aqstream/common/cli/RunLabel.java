package io.aqstream.common.cli;

/**
 * What this process works on (e.g. {@code replay=<replay id>}, {@code group=<group id>}), shown beside the
 * pid in every line of its log, so the logs of parallel producers or consumers can be told apart.
 *
 * <p>Why a system property and not Log4j's ThreadContext: Kafka's clients log from their own threads (the
 * producer's sender, the admin client's thread, the consumer's heartbeat), which do not inherit a
 * ThreadContext. conf/log4j2.xml reads the property with a lookup escaped as {@code $${sys:aq.run:-...}},
 * which Log4j evaluates at every line, on whichever thread logs it; one value per process is all we need,
 * since each command runs in its own JVM. Lines logged before {@link #set} show the component instead.
 */
public final class RunLabel {
    /** The system property conf/log4j2.xml's pattern reads; named there too, nowhere else. */
    public static final String PROPERTY = "aq.run";

    private RunLabel() {
    }

    /** Labels every later line of this process's log with {@code name=value}. */
    public static void set(String name, String value) {
        System.setProperty(PROPERTY, name + "=" + value);
    }
}
