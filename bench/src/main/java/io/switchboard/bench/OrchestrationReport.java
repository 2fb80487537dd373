package io.switchboard.bench;

import java.time.Duration;
import java.util.List;

/**
 * Everything one orchestration run measured.
 *
 * @param settings        what was run
 * @param partitions      partitions of every chat-scoped topic
 * @param stackStart      starting Kafka, PostgreSQL and the four services
 * @param streaming       the many chats streaming at once
 * @param headOfLine      fast chats beside a stalled one
 * @param audit           the judgement of every chat.events record of the run
 * @param commands        commands produced, and how many Kafka refused or put on an unexpected partition
 * @param loadAtStart     one-minute load average before anything started
 * @param total           the whole run, stopping the stack included
 * @param failures        what went wrong besides the counted figures, such as a timeout
 */
record OrchestrationReport(OrchestrationSettings settings, int partitions, Duration stackStart,
        StreamingPhase streaming, HeadOfLinePhase headOfLine, EventAudit.Counts audit, CommandCounts commands,
        String loadAtStart, Duration total, List<String> failures) {

    /** The same figures once the run is over, with its total duration and every failure noted. */
    OrchestrationReport finished(Duration runTotal, List<String> runFailures) {
        return new OrchestrationReport(settings, partitions, stackStart, streaming, headOfLine, audit, commands,
                loadAtStart, runTotal, List.copyOf(runFailures));
    }

    boolean passed() {
        return audit.leaks() == 0
                && audit.orderViolations() == 0
                && audit.unreadable() == 0
                && audit.textMismatches() == 0
                && audit.rejections() == 0
                && commands.problems() == 0
                && streaming.figures().turnsCompleted() == settings.streamingTurns()
                && headOfLine.turnsCompleted() == settings.headOfLineTurns()
                && headOfLine.stalledStopped()
                && streaming.figures().unexpectedTurnEnds() == 0
                && headOfLine.unexpectedTurnEnds() == 0
                && failures.isEmpty();
    }

    /**
     * @param period     first command sent to the last turn end consumed
     * @param figures    what the streaming chats saw
     * @param loadBefore one-minute load average as the phase began
     * @param loadAfter  and as it ended
     */
    record StreamingPhase(Duration period, GroupFigures.Result figures, String loadBefore, String loadAfter) {

        double eventsPerSecond() {
            return RunClock.perSecond(figures.events(), period);
        }

        double deltasPerSecond() {
            return RunClock.perSecond(figures.deltas(), period);
        }
    }

    /**
     * @param stalledChatId    the chat whose turn stalls until it is stopped
     * @param stalledPartition its partition, shared with the {@code samePartition} chats
     * @param stalledStarted   whether its turn started before the fast chats sent anything
     * @param stalledEnding    how its turn ended after StopTurn, e.g. "TurnCancelled stopped", or "" if it did not
     * @param period           fast chats' first command to their last turn end
     * @param samePartition    fast chats on the stalled chat's partition
     * @param otherPartitions  fast chats on the other partitions
     * @param loadBefore       one-minute load average as the phase began
     * @param loadAfter        and as it ended
     */
    record HeadOfLinePhase(String stalledChatId, int stalledPartition, boolean stalledStarted, String stalledEnding,
            Duration period, GroupFigures.Result samePartition, GroupFigures.Result otherPartitions,
            String loadBefore, String loadAfter) {

        static final String STOPPED = "TurnCancelled stopped";

        boolean stalledStopped() {
            return stalledStarted && STOPPED.equals(stalledEnding);
        }

        int turnsCompleted() {
            return samePartition.turnsCompleted() + otherPartitions.turnsCompleted();
        }

        int unexpectedTurnEnds() {
            return samePartition.unexpectedTurnEnds() + otherPartitions.unexpectedTurnEnds();
        }
    }

    /**
     * @param sent     commands produced to chat.commands
     * @param problems of which Kafka refused them or stored them on another partition than predicted
     * @param samples  the first of those, described
     */
    record CommandCounts(long sent, long problems, List<String> samples) {
    }
}
