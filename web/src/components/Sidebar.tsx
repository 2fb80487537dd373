import { useEffect, useMemo, useRef, useState } from 'react';

import { api } from '../api/http';
import type { ProjectView, SearchHit, SidebarChat } from '../api/types';
import { groups, type SidebarState, visibleWindow } from '../state/sidebar';

const ROW = 44;

export interface ChatActions {
    open(chatId: string): void;
    openInPane(chatId: string): void;
    rename(chat: SidebarChat): void;
    duplicate(chat: SidebarChat): void;
    togglePin(chat: SidebarChat): void;
    archive(chat: SidebarChat): void;
    restore(chat: SidebarChat): void;
    remove(chat: SidebarChat): void;
    exportChat(chat: SidebarChat): void;
}

type Row = { kind: 'heading'; label: string; count: number; group: string } | { kind: 'chat'; chat: SidebarChat };

interface SidebarProps {
    projects: ProjectView[];
    projectId: string | null;
    sidebar: SidebarState | null;
    activeChatId: string | null;
    canEdit: boolean;
    onProject(projectId: string): void;
    onNewChat(): void;
    onImport(file: File): void;
    actions: ChatActions;
}

export function Sidebar(props: SidebarProps) {
    const { sidebar, actions } = props;
    const [query, setQuery] = useState('');
    const [hits, setHits] = useState<SearchHit[] | null>(null);
    const [archivedOpen, setArchivedOpen] = useState(false);
    const [menu, setMenu] = useState<{ chat: SidebarChat; x: number; y: number } | null>(null);
    const [scroll, setScroll] = useState({ top: 0, height: 600 });
    const list = useRef<HTMLDivElement>(null);

    useEffect(() => {
        if (!props.projectId || query.trim().length < 2) {
            setHits(null);
            return;
        }
        const timer = setTimeout(() => {
            api.search(props.projectId!, query.trim()).then(setHits).catch(() => setHits([]));
        }, 250);
        return () => clearTimeout(timer);
    }, [query, props.projectId]);

    useEffect(() => {
        const close = () => setMenu(null);
        window.addEventListener('click', close);
        return () => window.removeEventListener('click', close);
    }, []);

    const rows = useMemo<Row[]>(() => {
        if (!sidebar) {
            return [];
        }
        const g = groups(sidebar);
        const out: Row[] = [];
        if (g.pinned.length) {
            out.push({ kind: 'heading', label: 'Pinned', count: g.pinned.length, group: 'pinned' });
            g.pinned.forEach((chat) => out.push({ kind: 'chat', chat }));
        }
        out.push({ kind: 'heading', label: 'Chats', count: g.active.length, group: 'active' });
        g.active.forEach((chat) => out.push({ kind: 'chat', chat }));
        out.push({ kind: 'heading', label: 'Archived', count: g.archived.length, group: 'archived' });
        if (archivedOpen) {
            g.archived.forEach((chat) => out.push({ kind: 'chat', chat }));
        }
        return out;
    }, [sidebar, archivedOpen]);

    const window_ = visibleWindow(rows.length, ROW, scroll.top, scroll.height);
    const onScroll = () => {
        if (list.current) {
            setScroll({ top: list.current.scrollTop, height: list.current.clientHeight });
        }
    };
    useEffect(onScroll, []);

    const openMenu = (chat: SidebarChat, x: number, y: number) => setMenu({ chat, x, y });
    const chatRow = (chat: SidebarChat) => (
        <div className={`chat-row${chat.chatId === props.activeChatId ? ' active' : ''}`} data-chat-id={chat.chatId}
            onContextMenu={(e) => {
                e.preventDefault();
                openMenu(chat, e.clientX, e.clientY);
            }}>
            <button className="chat-open" aria-current={chat.chatId === props.activeChatId ? 'true' : undefined}
                onClick={() => actions.open(chat.chatId)}
                onKeyDown={(e) => {
                    if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
                        const box = e.currentTarget.getBoundingClientRect();
                        openMenu(chat, box.left + 20, box.bottom);
                        e.preventDefault();
                    }
                }}>
                <span className="chat-title">{chat.title}</span>
                <span className="chat-meta">
                    {chat.busy && <span className="busy" title="answering">● <span className="sr-only">answering</span></span>}
                    {chat.unread > 0 && <span className="badge">{chat.unread}<span className="sr-only"> unread</span></span>}
                    <time dateTime={chat.lastActivityAt}>{relative(chat.lastActivityAt)}</time>
                    <span className="count">{chat.messageCount}<span className="sr-only"> messages</span></span>
                </span>
            </button>
            <button className="menu-button" aria-haspopup="menu" aria-label={`Actions for ${chat.title}`} onClick={(e) => {
                e.stopPropagation();
                const box = e.currentTarget.getBoundingClientRect();
                openMenu(chat, box.left, box.bottom);
            }}>⋯</button>
        </div>
    );

    return (
        <nav className="sidebar" aria-label="Chats">
            <div className="sidebar-top">
                <select aria-label="Project" value={props.projectId ?? ''} onChange={(e) => props.onProject(e.target.value)}>
                    {props.projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                </select>
                {props.canEdit && <button onClick={props.onNewChat} title="New chat (Ctrl+T)">New chat</button>}
                {props.canEdit && <label className="import">Import<input type="file" accept="application/json,.json"
                    onChange={(e) => e.target.files?.[0] && props.onImport(e.target.files[0])} /></label>}
            </div>
            <input type="search" aria-label="Search chats" placeholder="Search titles and messages" value={query}
                onChange={(e) => setQuery(e.target.value)} />
            {hits !== null ? (
                <ul className="hits" aria-label="Search results">
                    {hits.length === 0 && <li>No chat matches.</li>}
                    {hits.map((hit) => (
                        <li key={hit.chat.id}><button onClick={() => actions.open(hit.chat.id)}>
                            <strong>{hit.chat.title}</strong><span>{hit.snippet.replace(/\*\*/g, '')}</span>
                        </button></li>
                    ))}
                </ul>
            ) : (
                <div className="chat-list" ref={list} onScroll={onScroll}>
                    <div role="list" aria-label="Chats of the project" style={{ height: rows.length * ROW, position: 'relative' }}>
                        {rows.slice(window_.first, window_.last + 1).map((row, i) => (
                            <div role="listitem" key={row.kind === 'chat' ? row.chat.chatId : row.group} className="row"
                                style={{ position: 'absolute', top: (window_.first + i) * ROW, height: ROW, left: 0, right: 0 }}>
                                {row.kind === 'heading' ? (
                                    row.group === 'archived'
                                        ? <button className="group" aria-expanded={archivedOpen}
                                            onClick={() => setArchivedOpen(!archivedOpen)}>{row.label} ({row.count})</button>
                                        : <div className="group">{row.label} ({row.count})</div>
                                ) : chatRow(row.chat)}
                            </div>
                        ))}
                    </div>
                </div>
            )}
            {sidebar?.truncated && <p className="notice">Only the most recent chats are listed; search finds the others.</p>}
            {menu && (
                <ul className="context-menu" role="menu" style={{ left: menu.x, top: menu.y }}
                    onClick={(e) => e.stopPropagation()}>
                    {menuItems(menu.chat, props.canEdit, actions).map(([label, run]) => (
                        <li key={label} role="none"><button role="menuitem" onClick={() => {
                            setMenu(null);
                            run();
                        }}>{label}</button></li>
                    ))}
                </ul>
            )}
        </nav>
    );
}

function menuItems(chat: SidebarChat, canEdit: boolean, a: ChatActions): [string, () => void][] {
    const items: [string, () => void][] = [
        ['Open in new tab', () => a.open(chat.chatId)],
        ['Open in split pane', () => a.openInPane(chat.chatId)],
        ['Export', () => a.exportChat(chat)],
    ];
    if (canEdit) {
        items.push(['Rename', () => a.rename(chat)], ['Duplicate', () => a.duplicate(chat)],
            [chat.pinned ? 'Unpin' : 'Pin', () => a.togglePin(chat)]);
        items.push(chat.status === 'archived' ? ['Restore', () => a.restore(chat)] : ['Archive', () => a.archive(chat)]);
        if (!chat.isDefault) {
            items.push(['Delete', () => a.remove(chat)]);
        }
    }
    return items;
}

function relative(iso: string): string {
    const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
    if (seconds < 60) {
        return 'now';
    }
    if (seconds < 3600) {
        return `${Math.floor(seconds / 60)} min`;
    }
    if (seconds < 86400) {
        return `${Math.floor(seconds / 3600)} h`;
    }
    return `${Math.floor(seconds / 86400)} d`;
}
