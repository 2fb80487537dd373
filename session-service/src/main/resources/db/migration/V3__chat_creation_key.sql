-- A chat creation retried with the same Idempotency-Key returns the chat the first attempt created.
ALTER TABLE chat ADD COLUMN creation_key TEXT;
CREATE UNIQUE INDEX chat_creation_key_uq ON chat (tenant_id, creation_key) WHERE creation_key IS NOT NULL;
