package io.switchboard.session.model;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** How far one user has read one chat: every message with a higher seq is unread for them. */
@Entity
@Table(name = "chat_read")
@IdClass(ChatRead.Key.class)
public class ChatRead {

    @Id
    @Column(name = "chat_id")
    public UUID chatId;

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "last_read_seq", nullable = false)
    public long lastReadSeq;

    /** How many of the chat's messages have a seq up to {@link #lastReadSeq}. */
    @Column(name = "read_count", nullable = false)
    public long readCount;

    /** The primary key: one row per chat and user. */
    public static class Key implements Serializable {

        public UUID chatId;
        public String userId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(chatId, key.chatId) && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chatId, userId);
        }
    }
}
