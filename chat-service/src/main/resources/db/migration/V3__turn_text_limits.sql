-- The limits the gateway enforces, enforced again where turns are stored: a command another producer wrote
-- that is over them fails here for good (SQLSTATE 23514), is set aside with CommandRejected invalid_command,
-- and the chat's next command is handled. Lengths are in characters (code points), as the gateway counts.
ALTER TABLE turn
    ADD CONSTRAINT turn_text_length CHECK (char_length(text) <= 32000),
    ADD CONSTRAINT turn_model_length CHECK (char_length(model) <= 100),
    ADD CONSTRAINT turn_client_message_id_length CHECK (char_length(client_message_id) <= 100),
    ADD CONSTRAINT turn_user_id_length CHECK (char_length(user_id) <= 255),
    ADD CONSTRAINT turn_tenant_id_length CHECK (char_length(tenant_id) <= 255);
