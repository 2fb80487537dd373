package io.switchboard.session.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "message")
public class Message {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "chat_id", nullable = false)
    public UUID chatId;

    @Column(name = "turn_id", nullable = false)
    public UUID turnId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageRole role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageStatus status;

    @Column(nullable = false)
    public String content;

    public String model;

    public String error;

    @Column(name = "input_tokens")
    public Long inputTokens;

    @Column(name = "output_tokens")
    public Long outputTokens;

    /** An answer's tool calls as JSON ({@code ToolCallsJson}); null for a question or an answer without any. */
    @Column(name = "tool_calls")
    public String toolCalls;

    @Column(nullable = false)
    public long seq;

    /** The seq of the turn's TurnQueued: orders the history by turn, question before answer. */
    @Column(name = "turn_seq", nullable = false)
    public long turnSeq;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
