package io.switchboard.bench;

/**
 * One check that a consumer still reads its topic after the poison.
 *
 * @param consumer the service and topic, e.g. {@code chat-service <- chat.commands}
 * @param how      what was checked
 * @param status   whether it passed within the time allowed; a check whose input never reached Kafka (its
 *                 producer stopped) cannot tell and is unverified rather than failed, so that only the
 *                 consumer that stopped is named as halted
 * @param detail   how long it took, or what was missing
 */
record LivenessCheck(String consumer, String how, Status status, String detail) {

    enum Status {
        PASSED, FAILED, UNVERIFIED
    }

    static LivenessCheck of(String consumer, String how, boolean passed, String detail) {
        return new LivenessCheck(consumer, how, passed ? Status.PASSED : Status.FAILED, detail);
    }

    boolean passed() {
        return status == Status.PASSED;
    }

    boolean failed() {
        return status == Status.FAILED;
    }
}
