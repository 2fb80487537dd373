import { useState } from 'react';

import type { SidebarChat } from '../api/types';

interface TabBarProps {
    tabs: string[];
    activeChatId: string | null;
    viewActive: boolean;
    chat(chatId: string): { title: string; summary?: SidebarChat };
    onActivate(chatId: string): void;
    onClose(chatId: string): void;
    onMove(chatId: string, to: number): void;
}

/** Open chats as tabs: busy and unread marks, drag to reorder. */
export function TabBar({ tabs, activeChatId, viewActive, chat, onActivate, onClose, onMove }: TabBarProps) {
    const [dragged, setDragged] = useState<string | null>(null);
    return (
        <div className="tabs" role="tablist" aria-label="Open chats">
            {tabs.map((chatId, index) => {
                const { title, summary } = chat(chatId);
                const selected = !viewActive && chatId === activeChatId;
                return (
                    <div key={chatId} role="presentation" className={`tab${selected ? ' active' : ''}`} data-chat-id={chatId}
                        draggable onDragStart={() => setDragged(chatId)}
                        onDragOver={(e) => e.preventDefault()}
                        onDrop={() => {
                            if (dragged && dragged !== chatId) {
                                onMove(dragged, index);
                            }
                            setDragged(null);
                        }}>
                        <button role="tab" aria-selected={selected} className="tab-open" onClick={() => onActivate(chatId)}
                            onKeyDown={(e) => e.key === 'Delete' && onClose(chatId)}>
                            {summary?.busy && <span className="busy" title="answering">● <span className="sr-only">answering</span></span>}
                            <span className="tab-title">{title}</span>
                            {summary && summary.unread > 0 && !selected &&
                                <span className="badge">{summary.unread}<span className="sr-only"> unread</span></span>}
                            {/* Keyboard users close the focused tab with Delete or Ctrl+W; a button here would
                                put a second control inside the tab list. */}
                            <span className="tab-close" aria-hidden="true" title="Close (Ctrl+W)" onClick={(e) => {
                                e.stopPropagation();
                                onClose(chatId);
                            }}>×</span>
                        </button>
                    </div>
                );
            })}
        </div>
    );
}
