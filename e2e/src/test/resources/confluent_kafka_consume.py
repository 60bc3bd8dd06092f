"""Reads a topic with confluent-kafka (Debian's python3-confluent-kafka), as the course's Python code does.

    /usr/bin/python3 confluent_kafka_consume.py BOOTSTRAP TOPIC GROUP_ID EXPECTED TIME_LIMIT_SECONDS

Consumes with read_committed from the earliest offset until it has EXPECTED messages and every partition
of the topic has reached its end (so extra messages are counted too), or until TIME_LIMIT_SECONDS (a hang
guard: exit 2). Decodes each value with json.loads and prints, one item a line:

    count N
    keys KEY N                  (per message key)
    nulls COLUMN N              (per measurement: JSON nulls)
    row LINE TIMESTAMP V1 .. V13  (per message: aq.source.line header, then the decoded fields, "null" for None)
"""
import json
import sys
import time

from confluent_kafka import Consumer, KafkaError, KafkaException

COLUMNS = ["co_gt", "pt08_s1_co", "nmhc_gt", "c6h6_gt", "pt08_s2_nmhc", "nox_gt", "pt08_s3_nox",
           "no2_gt", "pt08_s4_no2", "pt08_s5_o3", "t", "rh", "ah"]


def main():
    bootstrap, topic, group, expected, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": group,
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
    })
    partitions = len(consumer.list_topics(topic, timeout=30).topics[topic].partitions)
    consumer.subscribe([topic])
    deadline = time.monotonic() + limit
    at_end = set()
    count = 0
    keys = {}
    nulls = {c: 0 for c in COLUMNS}
    rows = []
    while count < expected or len(at_end) < partitions:
        if time.monotonic() > deadline:
            print(f"time limit: {count} messages, {len(at_end)} of {partitions} partitions at their end",
                  file=sys.stderr)
            consumer.close()
            return 2
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        if msg.error():
            if msg.error().code() == KafkaError._PARTITION_EOF:
                at_end.add(msg.partition())
                continue
            raise KafkaException(msg.error())
        at_end.discard(msg.partition())
        count += 1
        key = msg.key().decode("utf-8")
        keys[key] = keys.get(key, 0) + 1
        value = json.loads(msg.value().decode("utf-8"))
        headers = dict((k, v.decode("utf-8")) for k, v in (msg.headers() or []))
        for c in COLUMNS:
            if value[c] is None:
                nulls[c] += 1
        rows.append(" ".join(["row", headers["aq.source.line"], value["timestamp"]]
                             + ["null" if value[c] is None else repr(value[c]) for c in COLUMNS]))
    consumer.close()
    print(f"count {count}")
    for k, n in sorted(keys.items()):
        print(f"keys {k} {n}")
    for c in COLUMNS:
        print(f"nulls {c} {nulls[c]}")
    for r in rows:
        print(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
