// Pane layout maths: the sizes a drag produces and where each pane sits. The server enforces the same rules
// (each pane at least 10 %, together 100); the client only proposes sizes that pass them.

import type { Layout } from '../api/types';

export const MIN_SIZE = 10;

/**
 * Moves the border between pane `index` and pane `index + 1` by `deltaPercent`: the two neighbours trade
 * size, each keeping at least MIN_SIZE, and every other pane stays as it is. Whole percents, sum unchanged.
 */
export function dragBorder(sizes: number[], index: number, deltaPercent: number): number[] {
    if (index < 0 || index >= sizes.length - 1) {
        return sizes;
    }
    const pair = sizes[index] + sizes[index + 1];
    const left = Math.min(pair - MIN_SIZE, Math.max(MIN_SIZE, Math.round(sizes[index] + deltaPercent)));
    if (left === sizes[index]) {
        return sizes;
    }
    const next = sizes.slice();
    next[index] = left;
    next[index + 1] = pair - left;
    return next;
}

/** Equal sizes that add up to 100, the first panes taking the remainder. */
export function equalSizes(count: number): number[] {
    if (count <= 0) {
        return [];
    }
    const base = Math.floor(100 / count);
    return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

export function isValid(sizes: number[]): boolean {
    return sizes.length > 0 && sizes.every((s) => Number.isInteger(s) && s >= MIN_SIZE)
        && sizes.reduce((a, b) => a + b, 0) === 100;
}

/** Columns of a grid of `count` panes: as square as possible, rows filled first. */
export function gridColumns(count: number): number {
    return Math.max(1, Math.ceil(Math.sqrt(count)));
}

/**
 * CSS grid templates for a layout. Horizontal panes sit side by side with their sizes as column widths,
 * vertical ones stacked; a grid uses equal cells (sizes are kept for when the user goes back). On a narrow
 * screen every layout stacks.
 */
export function gridTemplate(layout: Layout, sizes: number[], narrow: boolean): { columns: string; rows: string } {
    const fractions = sizes.map((s) => `minmax(0, ${s}fr)`).join(' ');
    if (narrow || layout === 'vertical') {
        return { columns: 'minmax(0, 1fr)', rows: narrow ? `repeat(${sizes.length}, minmax(18rem, 1fr))` : fractions };
    }
    if (layout === 'horizontal') {
        return { columns: fractions, rows: 'minmax(0, 1fr)' };
    }
    const columns = gridColumns(sizes.length);
    const rows = Math.ceil(sizes.length / columns);
    return { columns: `repeat(${columns}, minmax(0, 1fr))`, rows: `repeat(${rows}, minmax(0, 1fr))` };
}
