package io.switchboard.chat.tools;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

class WorkspaceProblemMapperTest {

    private final WorkspaceProblemMapper mapper = new WorkspaceProblemMapper();

    @Test
    void aFullDiskQuotaIsAnAnswerForTheModelNotAnOutage() {
        assertThat(mapper.toThrowable(Response.status(507).build())).isInstanceOf(WorkspaceRejection.class);
    }

    @Test
    void otherServerFailuresAndRefusedTokensAreOutagesAndClientErrorsAreAnswers() {
        assertThat(mapper.toThrowable(Response.status(500).build())).isInstanceOf(WorkspaceUnavailable.class);
        assertThat(mapper.toThrowable(Response.status(503).build())).isInstanceOf(WorkspaceUnavailable.class);
        assertThat(mapper.toThrowable(Response.status(401).build())).isInstanceOf(WorkspaceUnavailable.class);
        assertThat(mapper.toThrowable(Response.status(403).build())).isInstanceOf(WorkspaceUnavailable.class);
        assertThat(mapper.toThrowable(Response.status(404).build())).isInstanceOf(WorkspaceRejection.class);
        assertThat(mapper.toThrowable(Response.status(413).build())).isInstanceOf(WorkspaceRejection.class);
    }
}
