package io.switchboard.session.messaging;

import static io.restassured.RestAssured.given;
import static io.switchboard.session.messaging.OutboxRows.event;
import static io.switchboard.session.messaging.OutboxRows.newChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.switchboard.infra.Databases;
import io.switchboard.kit.outbox.Outbox;
import io.switchboard.testing.SuperuserDataSource;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.postgres.RefusedInserts;
import io.vertx.mutiny.sqlclient.Pool;

/** The outbox's writer: an event is recorded with the change it announces, or neither is. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class OutboxWriterTest {

    private final String alice = TestTokens.bearer("tenant-outbox-writer", "alice");

    @Inject
    Outbox outbox;

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool pool;

    @Test
    void aChatWhoseEventCannotBeRecordedIsNotCreatedEither() {
        String projectId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body("{\"name\":\"outbox refusal\"}").post("/projects")
                .then().statusCode(201).extract().path("id");
        String title = "refused " + UUID.randomUUID();
        try (RefusedInserts refused = RefusedInserts.always(pool, "outbox",
                "NEW.event_json LIKE '%" + title + "%'", "53100", "disk full")) {
            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body("{\"title\":\"" + title + "\"}").post("/projects/{id}/chats", projectId)
                    .then().statusCode(greaterThanOrEqualTo(500));
            assertThat(refused.attempts()).isEqualTo(1);
        }
        // Only the project's default chat, made with the project.
        given().auth().oauth2(alice).get("/projects/{id}/chats", projectId)
                .then().statusCode(200).body("title", contains("Main conversation"));
    }

    @Test
    void anEventAppendedOutsideATransactionIsRefusedAndNotRecorded() {
        String chatId = newChat();
        OutboxRows rows = new OutboxRows(outbox, pool);

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> outbox.append(event(chatId, 1)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chatId=" + chatId)
                .hasMessageContaining("outside a transaction");
        assertThat(rows.rowsOf(chatId)).isZero();
    }
}
