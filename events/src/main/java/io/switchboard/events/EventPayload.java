package io.switchboard.events;

/**
 * The payload of an {@link Envelope}. Each implementation is one event type of the contract;
 * {@link EventType} maps it to its wire name, its topic and its schema.
 */
public interface EventPayload {
}
