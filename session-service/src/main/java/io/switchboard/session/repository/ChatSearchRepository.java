package io.switchboard.session.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * PostgreSQL full-text search ('simple' configuration, GIN-indexed, see V4__chat_lifecycle.sql) over chat titles
 * and descriptions and message text, always within one tenant and the projects the caller belongs to. Queries take web-search syntax: words,
 * "quoted phrases", -excluded, or.
 */
@ApplicationScoped
public class ChatSearchRepository {

    private static final String HEADLINE_OPTIONS = "'StartSel=**, StopSel=**, MaxWords=20, MinWords=8, MaxFragments=1'";

    /** Only chats of projects the user (?4) belongs to. */
    private static final String MEMBER_PROJECTS = " AND c.project_id IN (SELECT pm.project_id FROM project_member pm"
            + " WHERE pm.tenant_id = ?2 AND pm.user_id = ?4)";

    /** A chat and the snippet that matched, from a message or (messageId null) from the title. */
    public record Match(UUID chatId, UUID messageId, String snippet) {
    }

    /** Chats whose title or description match, most recent activity first. */
    public Uni<List<Match>> titles(String tenantId, String userId, UUID projectId, String query, int limit) {
        String sql = "SELECT c.id, ts_headline('simple', c.title || ' ' || c.description, q, " + HEADLINE_OPTIONS
                + ") FROM chat c, websearch_to_tsquery('simple', ?1) q WHERE c.tenant_id = ?2" + MEMBER_PROJECTS
                + (projectId == null ? "" : " AND c.project_id = ?5")
                + " AND c.title_tsv @@ q ORDER BY c.last_activity_at DESC LIMIT ?3";
        return run(sql, tenantId, userId, projectId, query, limit, false);
    }

    /**
     * Per chat, its newest message that matches; chats with the most recent such message first. The matches are
     * sorted without their text, which is read (and marked up) only for the few that make the page.
     */
    public Uni<List<Match>> messages(String tenantId, String userId, UUID projectId, String query, int limit) {
        String sql = "SELECT hit.chat_id, hit.id, ts_headline('simple', shown.content, q, " + HEADLINE_OPTIONS + ") "
                + "FROM websearch_to_tsquery('simple', ?1) q, LATERAL ("
                + "SELECT DISTINCT ON (m.chat_id) m.chat_id, m.id, m.created_at FROM message m "
                + "JOIN chat c ON c.id = m.chat_id AND c.tenant_id = ?2" + MEMBER_PROJECTS
                + (projectId == null ? "" : " AND c.project_id = ?5")
                + " WHERE m.tenant_id = ?2 AND m.content_tsv @@ q ORDER BY m.chat_id, m.created_at DESC) hit "
                + "JOIN message shown ON shown.id = hit.id "
                + "ORDER BY hit.created_at DESC LIMIT ?3";
        return run(sql, tenantId, userId, projectId, query, limit, true);
    }

    private Uni<List<Match>> run(String sql, String tenantId, String userId, UUID projectId, String query, int limit,
            boolean withMessage) {
        return Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> select = session.createNativeQuery(sql, Object[].class)
                    .setParameter(1, query)
                    .setParameter(2, tenantId)
                    .setParameter(3, limit)
                    .setParameter(4, userId);
            if (projectId != null) {
                select.setParameter(5, projectId);
            }
            return select.getResultList();
        }).map(rows -> {
            List<Match> matches = new ArrayList<>();
            for (Object[] row : rows) {
                matches.add(new Match(uuid(row[0]), withMessage ? uuid(row[1]) : null,
                        (String) row[withMessage ? 2 : 1]));
            }
            return matches;
        });
    }

    private static UUID uuid(Object column) {
        return column instanceof UUID id ? id : UUID.fromString(column.toString());
    }
}
