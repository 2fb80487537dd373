import { describe, expect, it } from 'vitest';

import { anchorAt, estimateOf, layoutOf, scrollTopOf, totalHeight, turnWindow, windowOf } from './turnWindow';

function ids(count: number, prefix = 't'): string[] {
    return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

const NONE = new Map<string, number>();

describe('turn window', () => {
    it('renders the first turns and the overscan below them at the top', () => {
        const window = turnWindow({ ids: ids(10_000), heights: NONE, estimate: 100, scrollTop: 0,
            viewportHeight: 800, overscan: 5 });
        expect(window).toEqual({ first: 0, end: 13, top: 0, bottom: (10_000 - 13) * 100 });
    });

    it('renders the turns in view and the overscan on both sides in the middle', () => {
        const window = turnWindow({ ids: ids(10_000), heights: NONE, estimate: 100, scrollTop: 500_050,
            viewportHeight: 800, overscan: 5 });
        // turns 5000 to 5008 show (5000 half cut off at the top, 5008 half at the bottom)
        expect(window).toEqual({ first: 4995, end: 5014, top: 4995 * 100, bottom: (10_000 - 5014) * 100 });
    });

    it('renders the last turns at the bottom, for a scrollTop past the end too', () => {
        const atBottom = turnWindow({ ids: ids(10_000), heights: NONE, estimate: 100, scrollTop: 999_200,
            viewportHeight: 800, overscan: 5 });
        expect(atBottom).toEqual({ first: 9987, end: 10_000, top: 9987 * 100, bottom: 0 });
        expect(turnWindow({ ids: ids(10_000), heights: NONE, estimate: 100,
            scrollTop: Number.POSITIVE_INFINITY, viewportHeight: 800, overscan: 5 })).toEqual(atBottom);
    });

    it('keeps the number of rendered turns bounded by the view, not by the length of the chat', () => {
        for (const count of [100, 1000, 10_000]) {
            for (const scrollTop of [0, count * 37, count * 100]) {
                const window = turnWindow({ ids: ids(count), heights: NONE, estimate: 100, scrollTop,
                    viewportHeight: 900, overscan: 10 });
                expect(window.end - window.first).toBeLessThanOrEqual(10 + 10 + 10);
            }
        }
    });

    it('renders all of a chat shorter than the view, with empty spacers', () => {
        expect(turnWindow({ ids: ids(3), heights: NONE, estimate: 100, scrollTop: 0, viewportHeight: 900,
            overscan: 2 })).toEqual({ first: 0, end: 3, top: 0, bottom: 0 });
    });

    it('renders nothing for no turns', () => {
        const window = turnWindow({ ids: [], heights: NONE, estimate: 100, scrollTop: 0, viewportHeight: 900,
            overscan: 5 });
        expect(window).toEqual({ first: 0, end: 0, top: 0, bottom: 0 });
        expect(totalHeight(layoutOf([], NONE, 100))).toBe(0);
        expect(anchorAt(layoutOf([], NONE, 100), 0)).toBeNull();
    });

    it('renders the overscan only while the pane has no height (a hidden tab)', () => {
        expect(turnWindow({ ids: ids(500), heights: NONE, estimate: 100, scrollTop: Number.POSITIVE_INFINITY,
            viewportHeight: 0, overscan: 4 })).toEqual({ first: 495, end: 500, top: 495 * 100, bottom: 0 });
    });

    it('uses measured heights where there are some and the estimate elsewhere', () => {
        const all = ids(10);
        const heights = new Map([['t0', 300], ['t1', 20], ['t2', 20], ['t5', 500]]);
        const layout = layoutOf(all, heights, 50);
        expect(layout.tops).toEqual([0, 300, 320, 340, 390, 440, 940, 990, 1040, 1090, 1140]);
        // a view from 310 to 460 shows t1 (from 300) to t5 (from 440)
        expect(windowOf(layout, 310, 150, 0)).toEqual({ first: 1, end: 6, top: 300, bottom: 1140 - 940 });
        expect(windowOf(layout, 310, 150, 1)).toEqual({ first: 0, end: 7, top: 0, bottom: 1140 - 990 });
        // one tall turn fills the view alone
        expect(windowOf(layout, 500, 300, 0)).toEqual({ first: 5, end: 6, top: 440, bottom: 200 });
    });

    it('has spacers and rendered turns that add up to the height of the whole list', () => {
        const all = ids(2000);
        const heights = new Map(all.filter((_, i) => i % 3 === 0).map((id, i) => [id, 40 + (i * 37) % 400]));
        const layout = layoutOf(all, heights, 120);
        for (const scrollTop of [0, 1234, 55_555, 100_000, totalHeight(layout) - 700, totalHeight(layout)]) {
            const window = windowOf(layout, scrollTop, 700, 6);
            const rendered = all.slice(window.first, window.end)
                .reduce((sum, id) => sum + (heights.get(id) ?? 120), 0);
            expect(window.top + rendered + window.bottom).toBeCloseTo(totalHeight(layout), 6);
            expect(window.end).toBeGreaterThan(window.first);
        }
    });

    it('finds the turn at a scroll offset and the distance into it', () => {
        const layout = layoutOf(ids(5), new Map([['t1', 200]]), 100);
        expect(anchorAt(layout, 0)).toEqual({ turnId: 't0', offset: 0 });
        expect(anchorAt(layout, 150)).toEqual({ turnId: 't1', offset: 50 });
        expect(anchorAt(layout, 300)).toEqual({ turnId: 't2', offset: 0 });
        // above the list (the "Show earlier" button is in view) and past its end
        expect(anchorAt(layout, -40)).toEqual({ turnId: 't0', offset: -40 });
        expect(anchorAt(layout, 650)).toEqual({ turnId: 't4', offset: 150 });
        for (const scrollTop of [-40, 0, 150, 299, 650]) {
            expect(scrollTopOf(layout, anchorAt(layout, scrollTop)!)).toBe(scrollTop);
        }
    });

    it('keeps the reader in place when an older page is prepended, by the height added above', () => {
        const newest = ids(100, 'new');
        const heights = new Map(newest.map((id, i) => [id, 60 + (i % 4) * 20]));
        const before = layoutOf(newest, heights, 80);
        const anchor = anchorAt(before, 1000)!;

        const older = ids(100, 'old');
        older.slice(50).forEach((id) => heights.set(id, 150));
        const after = layoutOf([...older, ...newest], heights, 80);
        const added = 50 * 80 + 50 * 150;
        expect(scrollTopOf(after, anchor)).toBe(1000 + added);
        // the same turns are in view, the same distance from the top
        expect(anchorAt(after, 1000 + added)).toEqual(anchor);
        expect(windowOf(after, 1000 + added, 600, 0).first).toBe(100 + windowOf(before, 1000, 600, 0).first);
    });

    it('keeps the reader in place when a turn above the view gets measured at another height', () => {
        const all = ids(50);
        const heights = new Map<string, number>();
        const anchor = anchorAt(layoutOf(all, heights, 100), 2550)!;
        expect(anchor).toEqual({ turnId: 't25', offset: 50 });
        heights.set('t3', 400);
        heights.set('t30', 10);
        expect(scrollTopOf(layoutOf(all, heights, 100), anchor)).toBe(2550 + 300);
    });

    it('has no place for a turn no longer held', () => {
        const layout = layoutOf(ids(3), NONE, 100);
        expect(scrollTopOf(layout, { turnId: 'gone', offset: 10 })).toBeNull();
    });

    it('estimates unmeasured turns by the mean of the measured ones', () => {
        expect(estimateOf(NONE, 120)).toBe(120);
        expect(estimateOf(new Map([['a', 60], ['b', 100], ['c', 200]]), 120)).toBe(120);
        expect(estimateOf(new Map([['a', 60], ['b', 100]]), 120)).toBe(80);
    });
});
