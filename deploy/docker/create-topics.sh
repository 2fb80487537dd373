#!/bin/sh
# One-shot job of docker-compose.yml: creates the chat-scoped topics and their dead-letter topics with one
# partition count, since the broker does not create topics by itself (auto.create.topics.enable=false). Run again
# it changes nothing, and it fails when a topic exists with another partition count: one chat's records must share
# a partition number across all topics, and a topic's partitions cannot change without re-keying.
set -eu
: "${SWITCHBOARD_KAFKA:?set SWITCHBOARD_KAFKA}"
: "${SWITCHBOARD_PARTITIONS:?set SWITCHBOARD_PARTITIONS}"
: "${SWITCHBOARD_TOPICS:?set SWITCHBOARD_TOPICS}"
topics_tool=/opt/kafka/bin/kafka-topics.sh

# Healthy broker or not, its metadata may lag a moment behind: retry for about a minute before giving up.
attempt=1
until "$topics_tool" --bootstrap-server "$SWITCHBOARD_KAFKA" --list >/dev/null; do
    if [ "$attempt" -ge 30 ]; then
        echo "Kafka at $SWITCHBOARD_KAFKA did not answer" >&2
        exit 1
    fi
    attempt=$((attempt + 1))
    sleep 2
done

for topic in $SWITCHBOARD_TOPICS; do
    "$topics_tool" --bootstrap-server "$SWITCHBOARD_KAFKA" --create --if-not-exists --topic "$topic" \
        --partitions "$SWITCHBOARD_PARTITIONS" --replication-factor 1
    count=$("$topics_tool" --bootstrap-server "$SWITCHBOARD_KAFKA" --describe --topic "$topic" \
        | sed -n 's/.*PartitionCount: *\([0-9]*\).*/\1/p' | head -n 1)
    if [ "$count" != "$SWITCHBOARD_PARTITIONS" ]; then
        echo "Topic $topic has $count partitions, expected $SWITCHBOARD_PARTITIONS; delete it (or the Kafka volume)" \
            "or set the matching partition count" >&2
        exit 1
    fi
done
echo "Topics ready: $SWITCHBOARD_TOPICS ($SWITCHBOARD_PARTITIONS partitions each)"
