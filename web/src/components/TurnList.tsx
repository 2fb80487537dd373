// A pane's turns as a virtual list: only the turns in view and a few either side are in the DOM, between two
// spacers standing for the others (state/turnWindow), so the DOM stays bounded however much history was read.
// The reader's place is kept as "this turn, this far into it" rather than as a scroll offset, so an older page
// prepended above, a turn measured at last or an answer growing above never moves what is being read.

import { type ReactNode, useLayoutEffect, useMemo, useRef, useState } from 'react';

import type { Turn } from '../state/chatStream';
import { type Anchor, anchorAt, estimateOf, layoutOf, scrollTopOf, windowOf } from '../state/turnWindow';

/** Turns rendered beyond each edge of the view, so a wheel step shows turns already there, not a spacer. */
const OVERSCAN = 8;
/** The guess for a turn never rendered, until some are measured (then it is their mean). */
const ESTIMATE = 120;
/** Within this many px of the bottom the pane follows the newest answer as it streams. */
const FOLLOW = 60;

type Position = { kind: 'bottom' } | { kind: 'anchor'; anchor: Anchor; scrollTop: number };

const BOTTOM: Position = { kind: 'bottom' };

interface TurnListProps {
    turns: Turn[];
    busy: boolean;
    hasEarlier: boolean;
    /** Reads the page before the oldest turn; called again while one is read, it does nothing. */
    onEarlier(): void;
    renderTurn(turn: Turn): ReactNode;
    /** Shown after the turns (the load error). */
    children?: ReactNode;
}

export function TurnList({ turns, busy, hasEarlier, onEarlier, renderTurn, children }: TurnListProps) {
    const log = useRef<HTMLDivElement>(null);
    const list = useRef<HTMLDivElement>(null);
    // Heights are written while measuring, outside any render; `measured` counts their changes for the layout.
    const heights = useRef(new Map<string, number>());
    const [measured, setMeasured] = useState(0);
    const [viewport, setViewport] = useState(0);
    const [position, setPosition] = useState<Position>(BOTTOM);
    /** The pane's height as last seen; 0 while its tab is hidden. */
    const shownHeight = useRef(0);
    const observer = useRef<ResizeObserver | null>(null);
    const observed = useRef(new Set<Element>());
    /** The oldest turn when older history was last asked for unscrolled: a failed read is not retried in a loop. */
    const askedBefore = useRef<string | null>(null);

    const ids = useMemo(() => turns.map((turn) => turn.turnId), [turns]);
    const layout = useMemo(() => layoutOf(ids, heights.current, estimateOf(heights.current, ESTIMATE)),
        // `measured` stands for the contents of the heights map
        [ids, measured]);
    const target = position.kind === 'bottom' ? Number.POSITIVE_INFINITY
        : scrollTopOf(layout, position.anchor) ?? position.scrollTop;
    const shown = windowOf(layout, target, viewport, OVERSCAN);

    // Heights change without a render of ours too: the pane resized, its tab shown again, a tool card opened.
    useLayoutEffect(() => {
        const container = log.current!;
        const watched = observed.current;
        const resized = new ResizeObserver(() => {
            shownHeight.current = container.clientHeight;
            setViewport(container.clientHeight);
            if (list.current && measure(list.current, heights.current)) {
                setMeasured((n) => n + 1);
            }
        });
        resized.observe(container);
        observer.current = resized;
        return () => {
            resized.disconnect();
            observer.current = null;
            watched.clear();
        };
    }, []);

    // After every commit, before the browser paints: measure what was rendered, then put the reader back in place.
    // A state set here renders again at once, still before the paint, so a wrong window is never seen.
    useLayoutEffect(() => {
        const container = log.current;
        const inner = list.current;
        if (!container || !inner) {
            return;
        }
        watch(inner, observer.current, observed.current);
        const height = container.clientHeight;
        shownHeight.current = height;
        if (height === 0) {
            // a hidden tab: nothing to measure, and its place is restored when it shows again
            return;
        }
        if (height !== viewport) {
            setViewport(height);
            return;
        }
        if (measure(inner, heights.current)) {
            setMeasured((n) => n + 1);
            return;
        }
        if (position.kind === 'bottom') {
            container.scrollTop = container.scrollHeight;
        } else {
            const wanted = inner.offsetTop + (scrollTopOf(layout, position.anchor) ?? position.scrollTop);
            if (Math.abs(container.scrollTop - wanted) >= 1) {
                container.scrollTop = wanted;
            }
        }
        // Still at the top after a short older page (or a chat shorter than the pane): read on, once per page.
        const first = ids[0];
        if (hasEarlier && first !== undefined && askedBefore.current !== first
            && container.scrollTop - inner.offsetTop < height
            && (position.kind === 'anchor' || container.scrollHeight <= height)) {
            askedBefore.current = first;
            onEarlier();
        }
    });

    const onScroll = () => {
        const container = log.current;
        const inner = list.current;
        // A tab shown again may report its scroll reset to 0 before its size: that is not the reader scrolling.
        if (!container || !inner || shownHeight.current === 0 || container.clientHeight === 0) {
            return;
        }
        const listTop = container.scrollTop - inner.offsetTop;
        if (container.scrollHeight - container.scrollTop - container.clientHeight < FOLLOW) {
            setPosition(BOTTOM);
        } else {
            const anchor = anchorAt(layout, listTop);
            setPosition((before) => !anchor ? BOTTOM
                : before.kind === 'anchor' && before.anchor.turnId === anchor.turnId
                    && before.anchor.offset === anchor.offset ? before
                    : { kind: 'anchor', anchor, scrollTop: listTop });
        }
        if (hasEarlier && listTop < container.clientHeight) {
            onEarlier();
        }
    };

    return (
        <div className="messages" role="log" aria-live="polite" aria-busy={busy} ref={log} onScroll={onScroll}>
            {hasEarlier && <button className="earlier" onClick={onEarlier}>Show earlier</button>}
            <div className="turn-list" ref={list} data-turn-count={turns.length}>
                <div className="turn-spacer" aria-hidden="true" style={{ height: shown.top }} />
                {turns.slice(shown.first, shown.end).map((turn) => renderTurn(turn))}
                <div className="turn-spacer" aria-hidden="true" style={{ height: shown.bottom }} />
            </div>
            {children}
        </div>
    );
}

/** Records the height of each rendered turn; true when one changed. A turn of a hidden tab (0 px) says nothing. */
function measure(list: HTMLElement, heights: Map<string, number>): boolean {
    let changed = false;
    for (const element of list.children) {
        const turnId = (element as HTMLElement).dataset.turnId;
        const height = element.getBoundingClientRect().height;
        if (turnId !== undefined && height > 0 && Math.abs((heights.get(turnId) ?? 0) - height) > 0.1) {
            heights.set(turnId, height);
            changed = true;
        }
    }
    return changed;
}

/** Observes the turns rendered now and lets go of the ones no longer rendered. */
function watch(list: HTMLElement, observer: ResizeObserver | null, observed: Set<Element>) {
    if (!observer) {
        return;
    }
    for (const element of observed) {
        if (element.parentElement !== list) {
            observer.unobserve(element);
            observed.delete(element);
        }
    }
    for (const element of list.children) {
        if ((element as HTMLElement).dataset.turnId !== undefined && !observed.has(element)) {
            observer.observe(element);
            observed.add(element);
        }
    }
}
