package io.switchboard.chat.llm.provider;

import io.switchboard.chat.llm.ModelException;

/** The receiving end of one model step, as the transport sees it. */
interface StepSink {

    /** Whether any event already went downstream. */
    boolean started();

    /** Whether the step already completed or failed. */
    boolean ended();

    /** Ends the step with this failure, unless it already ended. */
    void fail(ModelException failure);
}
