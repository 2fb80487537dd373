package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void readsUserSystemAndReapedChildrenTimes() {
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 123 0 0 0 1500 250 30 12 20 0 40 0 9876 0 0";

        ProcessCpu.Ticks ticks = ProcessCpu.parse(stat);

        assertThat(ticks.own()).isEqualTo(1750);
        assertThat(ticks.reaped()).isEqualTo(42);
    }

    /** The command name may hold blanks and parentheses: fields are counted from the last ')'. */
    @Test
    void aCommandNameWithBlanksAndParenthesesDoesNotShiftTheFields() {
        String stat = "77 (postgres: (checkpointer) x) S 1 77 77 0 -1 4194560 1 0 0 0 7 3 5 5 20 0 1 0 1 0 0";

        ProcessCpu.Ticks ticks = ProcessCpu.parse(stat);

        assertThat(ticks.own()).isEqualTo(10);
        assertThat(ticks.reaped()).isEqualTo(10);
    }

    @Test
    void thisJvmHasSpentSomeCpu() {
        assertThat(ProcessCpu.read(ProcessHandle.current().pid())).hasValueSatisfying(
                ticks -> assertThat(ticks.own()).isPositive());
        assertThat(ProcessCpu.ticksPerSecond()).isPositive();
    }

    @Test
    void aLineWithoutACommandNameIsRefused() {
        assertThatThrownBy(() -> ProcessCpu.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
    }
}
