// Which turns of a chat a pane renders: those in view and a few either side, between two spacers standing for
// the others, so a chat of 10,000 messages keeps a bounded DOM however much of its history was read. Heights
// are the ones measured where a turn was rendered, an estimate for the others. Pure functions, so the
// arithmetic (ranges, spacers, keeping the reader's place) is tested without a browser.

/** Where each turn starts, in px from the top of the list. */
export interface TurnLayout {
    ids: readonly string[];
    /** `tops[i]` is where turn `i` starts; `tops[ids.length]` is the height of the whole list. */
    tops: number[];
    indexOf: ReadonlyMap<string, number>;
}

/** The turns to render, `first` up to `end` (exclusive), and the spacers that stand for the others. */
export interface TurnWindow {
    first: number;
    end: number;
    /** Heights, in px, of the turns before `first` and of those from `end` on. */
    top: number;
    bottom: number;
}

/** A place in the list that survives turns added above it: a turn, and how far into it the view starts. */
export interface Anchor {
    turnId: string;
    offset: number;
}

export interface TurnWindowInput {
    ids: readonly string[];
    heights: ReadonlyMap<string, number>;
    estimate: number;
    scrollTop: number;
    viewportHeight: number;
    overscan: number;
}

export function layoutOf(ids: readonly string[], heights: ReadonlyMap<string, number>, estimate: number): TurnLayout {
    const tops = new Array<number>(ids.length + 1);
    const indexOf = new Map<string, number>();
    let y = 0;
    for (let i = 0; i < ids.length; i++) {
        tops[i] = y;
        indexOf.set(ids[i], i);
        y += heights.get(ids[i]) ?? estimate;
    }
    tops[ids.length] = y;
    return { ids, tops, indexOf };
}

export function totalHeight(layout: TurnLayout): number {
    return layout.tops[layout.ids.length];
}

/**
 * The turns in a view of `viewportHeight` px starting `scrollTop` px into the list, and `overscan` more on
 * each side, so a short scroll never uncovers a spacer before the next render. A `scrollTop` past the end (or
 * `Infinity`, for "at the bottom") shows the last turns; a negative one the first.
 */
export function windowOf(layout: TurnLayout, scrollTop: number, viewportHeight: number, overscan: number): TurnWindow {
    const count = layout.ids.length;
    if (count === 0) {
        return { first: 0, end: 0, top: 0, bottom: 0 };
    }
    const total = totalHeight(layout);
    const view = Math.max(0, viewportHeight);
    const start = Math.max(0, Math.min(scrollTop, total - view));
    const firstSeen = lastStartingAtOrBefore(layout, start);
    const lastSeen = Math.max(firstSeen, lastStartingBefore(layout, start + view));
    const first = Math.max(0, firstSeen - overscan);
    const end = Math.min(count, lastSeen + 1 + overscan);
    return { first, end, top: layout.tops[first], bottom: total - layout.tops[end] };
}

/** `windowOf` from the raw inputs, for a caller that has no layout at hand. */
export function turnWindow(input: TurnWindowInput): TurnWindow {
    return windowOf(layoutOf(input.ids, input.heights, input.estimate), input.scrollTop, input.viewportHeight,
        input.overscan);
}

/** The turn at `scrollTop` and the distance into it (negative above the first turn); null for no turns. */
export function anchorAt(layout: TurnLayout, scrollTop: number): Anchor | null {
    if (layout.ids.length === 0) {
        return null;
    }
    const index = lastStartingAtOrBefore(layout, scrollTop);
    return { turnId: layout.ids[index], offset: scrollTop - layout.tops[index] };
}

/**
 * The `scrollTop` that shows an anchor where it was: after older turns were prepended it is larger by exactly
 * their height, so the reader's place stays still. Null when the turn is no longer in the list.
 */
export function scrollTopOf(layout: TurnLayout, anchor: Anchor): number | null {
    const index = layout.indexOf.get(anchor.turnId);
    return index === undefined ? null : layout.tops[index] + anchor.offset;
}

/** The mean of the measured heights, the better guess for turns never rendered; `fallback` before any. */
export function estimateOf(heights: ReadonlyMap<string, number>, fallback: number): number {
    if (heights.size === 0) {
        return fallback;
    }
    let sum = 0;
    for (const height of heights.values()) {
        sum += height;
    }
    return sum / heights.size;
}

/** The last turn starting at or before `y` (the first turn for a `y` above the list). */
function lastStartingAtOrBefore(layout: TurnLayout, y: number): number {
    let low = 0;
    let high = layout.ids.length - 1;
    while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (layout.tops[middle] <= y) {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    return low;
}

/** The last turn starting strictly before `y`: the last one a view ending at `y` shows any of. */
function lastStartingBefore(layout: TurnLayout, y: number): number {
    let low = 0;
    let high = layout.ids.length - 1;
    while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (layout.tops[middle] < y) {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    return low;
}
