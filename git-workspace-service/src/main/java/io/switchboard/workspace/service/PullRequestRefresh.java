package io.switchboard.workspace.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.outbox.Outbox;
import io.switchboard.workspace.config.WorkspaceConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the state of every open pull request from GitHub again, one at a time, those checked longest ago first, so
 * a pull request merged or closed on GitHub is announced without anyone asking. One that cannot be read (GitHub
 * down, token revoked) is logged and tried again next time; the others go on.
 */
@ApplicationScoped
public class PullRequestRefresh {

    // Every tenant's open pull requests at once: cross-tenant, read as the relay role, which sees of them only
    // which chat of which tenant has one (V8); each refresh then runs as that tenant.
    private static final String DUE = "select chat_id, tenant_id from pull_request "
            + "where state = 'open' and checked_at < $1 order by checked_at limit 500";

    private final Pool relay;
    private final BackgroundContexts contexts;
    private final PullRequests pullRequests;
    private final Duration interval;

    public PullRequestRefresh(@ReactiveDataSource(Outbox.RELAY_DATASOURCE) Pool relay, PullRequests pullRequests,
            BackgroundContexts contexts, WorkspaceConfig config) {
        this.relay = relay;
        this.contexts = contexts;
        this.pullRequests = pullRequests;
        this.interval = config.github().refreshInterval();
    }

    @Scheduled(every = "${switchboard.workspace.github.refresh-interval}",
            delayed = "${switchboard.workspace.github.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return refreshDue().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf("Open pull requests not refreshed this time: %s", failure.getMessage());
            return null;
        });
    }

    /** Refreshes each open pull request not checked within half an interval; answers how many were read. */
    public Uni<Integer> refreshDue() {
        return contexts.run(this::refreshDueHere);
    }

    private Uni<Integer> refreshDueHere() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(interval.dividedBy(2));
        return relay.preparedQuery(DUE).execute(Tuple.of(before))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new Due(row.getUUID("chat_id"), row.getString("tenant_id")));
                    }
                    return due;
                })
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(this::refresh)
                        .collect().asList()
                        .map(read -> (int) read.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> refresh(Due due) {
        return pullRequests.refresh(due.chatId(), due.tenantId()).replaceWith(true)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("chatId=%s pull request state not refreshed: %s", due.chatId(), failure.getMessage());
                    return false;
                });
    }

    private record Due(UUID chatId, String tenantId) {
    }
}
