"""Reads a topic with confluent-kafka (Debian's python3-confluent-kafka), as the course's Python code does.

    /usr/bin/python3 confluent_kafka_consume.py BOOTSTRAP TOPIC GROUP_ID EXPECTED TIME_LIMIT_SECONDS [CONFIG]

CONFIG is a librdkafka properties file (key=value lines, # comments), e.g. data/secure/consumer.librdkafka.conf
of the secure profile; with it, BOOTSTRAP may be "from-config". A failed login or TLS handshake prints one
line "error: ..." on stderr and exits 3.

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


def read_config(path):
    config = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                config[key.strip()] = value.strip()
    return config


class LoginFailed(Exception):
    pass


def on_error(error):
    # librdkafka reports a refused login or handshake here and keeps retrying: stop at once instead.
    if error.code() in (KafkaError._AUTHENTICATION, KafkaError._SSL, KafkaError.SASL_AUTHENTICATION_FAILED):
        raise LoginFailed(error.str())


def topic_partitions(consumer, topic):
    """The topic's partition count; polls in between, which serves on_error (a refused login ends the wait)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return len(consumer.list_topics(topic, timeout=1).topics[topic].partitions)
        except KafkaException:
            if time.monotonic() > deadline:
                raise
        consumer.poll(0.2)


def main():
    bootstrap, topic, group, expected, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
    config = read_config(sys.argv[6]) if len(sys.argv) > 6 else {}
    if bootstrap != "from-config":
        config["bootstrap.servers"] = bootstrap
    config.update({
        "group.id": group,
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
        "error_cb": on_error,
    })
    consumer = Consumer(config)
    try:
        partitions = topic_partitions(consumer, topic)
    except (LoginFailed, KafkaException) as e:
        print(f"error: cannot read {topic}: {e}", file=sys.stderr)
        return 3
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
