import { describe, expect, it } from 'vitest';

import { type KeyPress, shortcutOf, stepTab, tabAt } from './shortcuts';

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
    return { key, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('shortcuts', () => {
    it('maps every shortcut, with Ctrl or Cmd', () => {
        expect(shortcutOf(press('3'))).toEqual({ kind: 'switch-tab', index: 2 });
        expect(shortcutOf(press('t'))).toEqual({ kind: 'new-chat' });
        expect(shortcutOf(press('w', { ctrlKey: false, metaKey: true }))).toEqual({ kind: 'close-tab' });
        expect(shortcutOf(press('T', { shiftKey: true }))).toEqual({ kind: 'restore-tab' });
        expect(shortcutOf(press('}', { shiftKey: true, code: 'BracketRight' }))).toEqual({ kind: 'next-tab' });
        expect(shortcutOf(press('{', { shiftKey: true, code: 'BracketLeft' }))).toEqual({ kind: 'previous-tab' });
    });

    it('ignores keys without the modifier, with Alt, or not bound', () => {
        expect(shortcutOf(press('t', { ctrlKey: false }))).toBeNull();
        expect(shortcutOf(press('t', { altKey: true }))).toBeNull();
        expect(shortcutOf(press('x'))).toBeNull();
        expect(shortcutOf(press('0'))).toBeNull();
    });

    it('steps through tabs with wrap-around and sends 9 to the last tab', () => {
        const tabs = ['a', 'b', 'c'];
        expect(stepTab(tabs, 'c', 1)).toBe('a');
        expect(stepTab(tabs, 'a', -1)).toBe('c');
        expect(stepTab(tabs, null, 1)).toBe('a');
        expect(stepTab([], null, 1)).toBeNull();
        expect(tabAt(tabs, 8)).toBe('c');
        expect(tabAt(tabs, 1)).toBe('b');
        expect(tabAt(tabs, 5)).toBeNull();
    });
});
