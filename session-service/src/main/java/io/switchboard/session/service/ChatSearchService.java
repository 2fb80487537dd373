package io.switchboard.session.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.repository.ChatRepository;
import io.switchboard.session.repository.ChatSearchRepository;
import io.switchboard.session.repository.ChatSearchRepository.Match;

/**
 * Searches the projects the caller belongs to (or one of them) for chats whose messages, title or description match.
 * A chat is listed once: with its newest matching message when one matches, else with its title.
 */
@ApplicationScoped
public class ChatSearchService {

    private final ChatSearchRepository search;
    private final ChatRepository chats;
    private final ProjectAccess access;
    private final ChatService chatService;
    private final SessionConfig config;

    public ChatSearchService(ChatSearchRepository search, ChatRepository chats, ProjectAccess access,
            ChatService chatService, SessionConfig config) {
        this.search = search;
        this.chats = chats;
        this.access = access;
        this.chatService = chatService;
        this.config = config;
    }

    @TenantTransactional
    public Uni<List<ChatSearchResult>> search(Caller caller, String query, UUID projectId, int limit) {
        if (query == null || query.isBlank()) {
            return Uni.createFrom().failure(ProblemException.badRequest("q must name something to search for"));
        }
        if (limit < 1 || limit > config.searchMaxResults()) {
            return Uni.createFrom().failure(
                    ProblemException.badRequest("limit must be between 1 and " + config.searchMaxResults()));
        }
        Uni<Void> projectKnown = projectId == null ? Uni.createFrom().voidItem()
                : access.projectToRead(caller, projectId).replaceWithVoid();
        return projectKnown
                .chain(() -> search.messages(caller.tenantId(), caller.userId(), projectId, query, limit))
                // Chats matched by a message come first: when they fill the page, titles cannot make it.
                .chain(inMessages -> inMessages.size() >= limit ? Uni.createFrom().item(merged(inMessages, List.of(),
                        limit)) : search.titles(caller.tenantId(), caller.userId(), projectId, query, limit)
                        .map(inTitles -> merged(inMessages, inTitles, limit)))
                .chain(matches -> results(caller, matches));
    }

    private static List<Match> merged(List<Match> inMessages, List<Match> inTitles, int limit) {
        Map<UUID, Match> byChat = new LinkedHashMap<>();
        for (Match match : inMessages) {
            byChat.putIfAbsent(match.chatId(), match);
        }
        for (Match match : inTitles) {
            byChat.putIfAbsent(match.chatId(), match);
        }
        return new ArrayList<>(byChat.values()).subList(0, Math.min(limit, byChat.size()));
    }

    private Uni<List<ChatSearchResult>> results(Caller caller, List<Match> matches) {
        List<UUID> ids = matches.stream().map(Match::chatId).toList();
        return chats.findOwnedIn(caller.tenantId(), ids)
                .chain(found -> chatService.summarize(caller, found))
                .map(summaries -> {
                    Map<UUID, ChatSummary> byId = new LinkedHashMap<>();
                    for (ChatSummary summary : summaries) {
                        byId.put(summary.chat().id, summary);
                    }
                    List<ChatSearchResult> results = new ArrayList<>();
                    for (Match match : matches) {
                        ChatSummary summary = byId.get(match.chatId());
                        if (summary != null) {
                            results.add(new ChatSearchResult(summary, match.snippet(), match.messageId()));
                        }
                    }
                    return results;
                });
    }
}
