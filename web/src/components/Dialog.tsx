import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';

interface DialogProps {
    title: string;
    confirm: string;
    onConfirm(): void;
    onCancel(): void;
    children?: ReactNode;
}

/** A modal dialog: focus moves into it, Escape cancels. */
export function Dialog({ title, confirm, onConfirm, onCancel, children }: DialogProps) {
    const form = useRef<HTMLFormElement>(null);
    useEffect(() => {
        const first = form.current?.querySelector<HTMLElement>('input, select, button');
        first?.focus();
    }, []);
    const submit = (e: FormEvent) => {
        e.preventDefault();
        onConfirm();
    };
    return (
        <div className="dialog-backdrop">
            <form ref={form} role="dialog" aria-modal="true" aria-label={title} className="dialog" onSubmit={submit}
                onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
                <h2>{title}</h2>
                {children}
                <div className="dialog-buttons">
                    <button type="button" onClick={onCancel}>Cancel</button>
                    <button type="submit">{confirm}</button>
                </div>
            </form>
        </div>
    );
}
