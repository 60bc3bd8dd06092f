package io.aqstream.reliability;

import io.aqstream.benchkit.MachineInfo;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The "fault-injection" section of docs/reliability.md: what was done, and what the verifier found. */
final class ReliabilityReport {
    private ReliabilityReport() {
    }

    static String markdown(Verdict v, String command) {
        FaultPlan p = v.plan();
        KillLog k = v.kills();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run on %s: %d cores (%s), %d GiB RAM, Java %s. Command: `%s`.%n%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), MachineInfo.cpuModel(), MachineInfo.totalMemoryGiB(),
                System.getProperty("java.version"), command));
        md.append(String.format(Locale.ROOT, "%,d generated rows (%d stations x %,d hours), one bin/produce per"
                + " station (`--batch-size %d`, paced to about %d s), one bin/consume (`--roll-records 2000"
                + " --roll-interval 2 --idle-flush 1`, group session timeout 6 s), %s. The whole run, kills and restarts included,"
                + " took %.0f s.%n%n", p.rows(), p.stations(), p.hoursPerStation(), p.batchSize(), p.replaySeconds(),
                p.nodes() == 1 ? "one KRaft node" : "the local 3-node cluster (`start-kraft --nodes 3`: replication"
                        + " factor 3, min ISR 2), every command given all three addresses", v.runMillis() / 1000.0));
        md.append("| what | figure |\n| --- | --- |\n");
        row(md, "consumer SIGKILLs (restarted each time)", k.consumerKills + " (" + k.consumerKillsStarting
                + " while starting or joining the group, " + (k.consumerKills - k.consumerKillsStarting)
                + " while consuming; " + k.consumerKillsMidFile + " while a Parquet file was being written)");
        row(md, "producer SIGKILLs (rerun each time)", Integer.toString(k.producerKills));
        if (p.nodes() == 1) {
            row(md, "node SIGKILLs (restarted each time)", Integer.toString(k.nodeKills));
            row(md, "node: from restart to ready after each SIGKILL (ms)", k.nodeRestartMillis.toString());
        } else {
            row(md, "broker SIGKILLs, never two down at once (a random node, started again after 0.5..3 s)",
                    Integer.toString(k.nodeKills));
            row(md, String.format(Locale.ROOT, "two nodes SIGKILLed together (down %d s, then both started again)",
                    p.twoDownSeconds()), Integer.toString(k.twoDownEpisodes));
            row(md, "nodes: from start to ready after each SIGKILL (ms, in order)", k.nodeRestartMillis.toString());
            row(md, "producer runs that printed the write-stall warning (no write for 15 s)",
                    Integer.toString(k.producerRunsThatWarned));
        }
        row(md, "runs: producers / consumer", v.producerRuns() + " / " + v.consumerRuns());
        row(md, "exits nobody asked for (then run again)", k.unplannedExits.isEmpty() ? "none"
                : k.unplannedExits.toString());
        row(md, "rows in Parquet files when the last producer finished (the rest: final consumer)",
                String.format(Locale.ROOT, "%,d of %,d", v.rowsInFilesWhenProducersFinished(), p.rows()));
        reconciliation(md, v.topic());
        row(md, "topic: partitions held back by an open transaction", v.heldBackByOpenTransactions().isEmpty()
                ? "none" : v.heldBackByOpenTransactions().toString());
        reconciliation(md, v.files());
        row(md, "Parquet files / leftover in-progress files", String.format(Locale.ROOT, "%,d / %d",
                v.parquetFiles(), v.leftoverHiddenFiles()));
        row(md, "file rows whose (partition, offset) holds another reading in the topic",
                Long.toString(v.filePositionDisagreements()));
        row(md, "**verdict**", v.passed() ? "**every row exactly once, in the topic and in the files**"
                : "**FAILED** (see the rows above)");
        md.append("\n");
        return md.toString();
    }

    private static void reconciliation(StringBuilder md, Reconciliation r) {
        row(md, r.source() + ": rows expected / found", String.format(Locale.ROOT, "%,d / %,d", r.expected(),
                r.found()));
        row(md, r.source() + ": lost / duplicated / not in the input / wrong values / repeated positions",
                String.format(Locale.ROOT, "%d / %d / %d / %d / %d", r.losses(), r.duplicates(), r.strays(),
                        r.valueMismatches(), r.repeatedPositions()));
    }

    private static void row(StringBuilder md, String what, String figure) {
        md.append("| ").append(what).append(" | ").append(figure).append(" |\n");
    }
}
