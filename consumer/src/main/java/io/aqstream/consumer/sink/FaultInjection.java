package io.aqstream.consumer.sink;

import java.io.IOException;
import java.util.Locale;

/**
 * Test-only failures at the exact steps where exactly-once could break, so tests can crash there
 * deterministically instead of hoping a SIGKILL lands at the right instant. Set with the hidden
 * option {@code --inject-fault KIND:N} (N = 1-based count of the step):
 * <ul>
 *   <li>{@code halt-after-publish:N}: halt the JVM right after the N-th file is renamed, before its
 *       offsets are committed;</li>
 *   <li>{@code halt-before-publish:N}: halt after the N-th file is written and fsynced, before the
 *       rename (leaves an orphaned in-progress file);</li>
 *   <li>{@code pause-before-publish:N}: after the N-th file is written and fsynced, print
 *       {@value #PAUSED} on stderr and sleep {@value #PAUSE_SECONDS} s before asking the group to confirm
 *       ownership, so that a test can SIGSTOP the process there, as a long GC pause or a closed laptop
 *       lid would stop it;</li>
 *   <li>{@code fail-write:N}: the N-th row write fails with "No space left on device".</li>
 * </ul>
 * {@link Runtime#halt} skips shutdown hooks and finally blocks: as abrupt as a SIGKILL for our files.
 */
public final class FaultInjection {
    public static final FaultInjection NONE = new FaultInjection("none", 0);
    static final int HALT_STATUS = 99;
    public static final String PAUSED = "fault injected: paused before publishing";
    static final int PAUSE_SECONDS = 20;

    private final String kind;
    private final long at;
    private long publishes;
    private long writes;

    private FaultInjection(String kind, long at) {
        this.kind = kind;
        this.at = at;
    }

    public static FaultInjection parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        int colon = spec.indexOf(':');
        String kind = spec.substring(0, colon < 0 ? spec.length() : colon).toLowerCase(Locale.ROOT);
        long at = colon < 0 ? 1 : Long.parseLong(spec.substring(colon + 1));
        if (!kind.equals("halt-after-publish") && !kind.equals("halt-before-publish") && !kind.equals("fail-write")
                && !kind.equals("pause-before-publish")) {
            throw new IllegalArgumentException("unknown fault " + spec);
        }
        return new FaultInjection(kind, at);
    }

    void beforePublish() {
        if (kind.equals("halt-before-publish") && publishes + 1 == at) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
        if (kind.equals("pause-before-publish") && publishes + 1 == at) {
            System.err.println(PAUSED);
            System.err.flush();
            try {
                Thread.sleep(PAUSE_SECONDS * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void afterPublish() {
        publishes++;
        if (kind.equals("halt-after-publish") && publishes == at) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    void beforeWrite() throws IOException {
        writes++;
        if (kind.equals("fail-write") && writes == at) {
            throw new IOException("No space left on device (injected)");
        }
    }
}
