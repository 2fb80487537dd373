import { describe, expect, it } from 'vitest';

import { dragBorder, equalSizes, gridColumns, gridTemplate, isValid } from './layout';

describe('pane layout', () => {
    it('splits equally into whole percents that add up to 100', () => {
        for (let n = 1; n <= 9; n++) {
            expect(isValid(equalSizes(n))).toBe(true);
        }
        expect(equalSizes(3)).toEqual([34, 33, 33]);
    });

    it('moves a border between two neighbours only, keeping each at least 10 %', () => {
        expect(dragBorder([25, 25, 25, 25], 1, 10)).toEqual([25, 35, 15, 25]);
        expect(dragBorder([25, 25, 25, 25], 1, 40)).toEqual([25, 40, 10, 25]);
        expect(dragBorder([50, 50], 0, -70)).toEqual([10, 90]);
        expect(isValid(dragBorder([34, 33, 33], 0, 7.6))).toBe(true);
    });

    it('leaves the sizes as they are for a border that does not exist', () => {
        const sizes = [50, 50];
        expect(dragBorder(sizes, 1, 5)).toBe(sizes);
        expect(dragBorder(sizes, -1, 5)).toBe(sizes);
    });

    it('lays a grid out as square as it can and stacks everything on a narrow screen', () => {
        expect([1, 2, 3, 4, 5, 9].map(gridColumns)).toEqual([1, 2, 2, 2, 3, 3]);
        expect(gridTemplate('horizontal', [30, 70], false).columns).toBe('minmax(0, 30fr) minmax(0, 70fr)');
        expect(gridTemplate('vertical', [30, 70], false).rows).toBe('minmax(0, 30fr) minmax(0, 70fr)');
        expect(gridTemplate('grid', [25, 25, 25, 25], false)).toEqual(
            { columns: 'repeat(2, minmax(0, 1fr))', rows: 'repeat(2, minmax(0, 1fr))' });
        expect(gridTemplate('horizontal', [50, 50], true).columns).toBe('minmax(0, 1fr)');
    });
});
