package io.switchboard.gateway.tracing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.switchboard.testing.tracing.CapturedSpans;

/** The tests' span processor: spans are kept in memory for the tests to read. */
public class CapturedSpansProducer {

    @Produces
    @Singleton
    CapturedSpans capturedSpans() {
        return new CapturedSpans();
    }
}
