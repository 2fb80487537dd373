import { type FormEvent, type KeyboardEvent } from 'react';

interface ComposerProps {
    label: string;
    draft: string;
    disabled?: boolean;
    onDraft(text: string): void;
    onSend(text: string): void;
    /** When given, a second button sends ahead of the queue, stopping the running turn. */
    onSendNow?(text: string): void;
    /** When given, a picker of the model for the next messages only ("" keeps the chat's own). */
    messageModel?: { models: string[]; value: string; onChange(model: string): void };
}

/** Enter sends, Shift+Enter is a new line. */
export function Composer({ label, draft, disabled, onDraft, onSend, onSendNow, messageModel }: ComposerProps) {
    const submit = (e?: FormEvent) => {
        e?.preventDefault();
        if (draft.trim() !== '' && !disabled) {
            onSend(draft);
            onDraft('');
        }
    };
    const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            submit();
            e.preventDefault();
        }
    };
    return (
        <form className="composer" onSubmit={submit}>
            <textarea aria-label={label} value={draft} rows={2} placeholder="Message (Enter sends, Shift+Enter new line)"
                onChange={(e) => onDraft(e.target.value)} onKeyDown={keyDown} disabled={disabled} />
            {messageModel && (
                <select aria-label="Model for this message" value={messageModel.value}
                    onChange={(e) => messageModel.onChange(e.target.value)}>
                    <option value="">chat's model</option>
                    {messageModel.models.map((m) => <option key={m} value={m}>{m}</option>)}
                </select>
            )}
            <button type="submit" disabled={disabled || draft.trim() === ''}>Send</button>
            {onSendNow && <button type="button" disabled={disabled || draft.trim() === ''}
                title="Stop the running answer and answer this next" onClick={() => {
                    onSendNow(draft);
                    onDraft('');
                }}>Send now</button>}
        </form>
    );
}
