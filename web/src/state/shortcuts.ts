// Keyboard shortcuts of the tabs, as a pure mapping from a key press to an action.

export type ShortcutAction =
    | { kind: 'switch-tab'; index: number }
    | { kind: 'new-chat' }
    | { kind: 'close-tab' }
    | { kind: 'restore-tab' }
    | { kind: 'next-tab' }
    | { kind: 'previous-tab' };

export interface KeyPress {
    key: string;
    code?: string;
    ctrlKey: boolean;
    metaKey: boolean;
    shiftKey: boolean;
    altKey: boolean;
}

/** Ctrl on every platform, Cmd on macOS as well. */
export function shortcutOf(press: KeyPress): ShortcutAction | null {
    if (!(press.ctrlKey || press.metaKey) || press.altKey) {
        return null;
    }
    const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
    if (press.shiftKey) {
        if (key === 't') {
            return { kind: 'restore-tab' };
        }
        // Shift+] is "}" on most layouts; the physical key says it on all of them.
        if (key === ']' || key === '}' || press.code === 'BracketRight') {
            return { kind: 'next-tab' };
        }
        if (key === '[' || key === '{' || press.code === 'BracketLeft') {
            return { kind: 'previous-tab' };
        }
        return null;
    }
    if (/^[1-9]$/.test(key)) {
        return { kind: 'switch-tab', index: Number(key) - 1 };
    }
    if (key === 't') {
        return { kind: 'new-chat' };
    }
    if (key === 'w') {
        return { kind: 'close-tab' };
    }
    return null;
}

/** The tab a next/previous step lands on, wrapping around. */
export function stepTab(tabs: string[], active: string | null, step: 1 | -1): string | null {
    if (tabs.length === 0) {
        return null;
    }
    const at = active ? tabs.indexOf(active) : -1;
    if (at < 0) {
        return tabs[step === 1 ? 0 : tabs.length - 1];
    }
    return tabs[(at + step + tabs.length) % tabs.length];
}

/** Ctrl/Cmd+9 goes to the last tab, as in browsers. */
export function tabAt(tabs: string[], index: number): string | null {
    if (tabs.length === 0) {
        return null;
    }
    return index === 8 ? tabs[tabs.length - 1] : tabs[index] ?? null;
}
