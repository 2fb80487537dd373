import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { ApiError, api, onUnauthorised } from '../api/http';
import { type ConnectionStatus, SwitchboardSocket, socketUrl } from '../api/socket';
import type { ChatView, Layout, Models, ProjectView, ServerFrame, SidebarChat, SplitView, UiState } from '../api/types';
import { renewSignIn, renewWhenDue, signInAtProvider, signInMode, signInProblem } from '../auth/session';
import { currentToken, setToken } from '../auth/token';
import { startingBranches } from '../state/branches';
import { shortcutOf, stepTab, tabAt } from '../state/shortcuts';
import { applyRemoval, applySummary, chatViewOf, fromSnapshot, isStale, type SidebarState, summaryOf }
    from '../state/sidebar';
import { ChatPane } from './ChatPane';
import { PullRequestButton } from './PullRequestButton';
import { Dialog } from './Dialog';
import { type ChatActions, Sidebar } from './Sidebar';
import { TabBar } from './TabBar';
import { ViewArea } from './ViewArea';

type DialogState =
    | { kind: 'new-chat'; title: string; model: string; fromBranch: string; branches: string[] }
    | { kind: 'rename'; chat: SidebarChat; title: string }
    | { kind: 'delete'; chat: SidebarChat }
    | null;

interface Attention {
    chatId: string;
    kind: 'completed' | 'failed';
    at: string;
}

const PROJECT_KEY = 'switchboard.project';
const MOUNTED_TABS = 6;

function chatIdInPath(): string | null {
    const match = /^\/chats\/([^/]+)$/.exec(window.location.pathname);
    return match ? decodeURIComponent(match[1]) : null;
}

function viewIdInPath(): string | null {
    const match = /^\/views\/([^/]+)$/.exec(window.location.pathname);
    return match ? decodeURIComponent(match[1]) : null;
}

export function App() {
    const socket = useMemo(() => new SwitchboardSocket({ url: socketUrl(window.location), token: currentToken }), []);
    const [status, setStatus] = useState<ConnectionStatus>('connecting');
    const [signedOut, setSignedOut] = useState(!currentToken() || signInProblem() !== null);
    const [projects, setProjects] = useState<ProjectView[]>([]);
    const [projectId, setProjectId] = useState<string | null>(localStorage.getItem(PROJECT_KEY));
    const [sidebar, setSidebar] = useState<SidebarState | null>(null);
    const [ui, setUiState] = useState<UiState | null>(null);
    // Answers to UI-state changes may arrive out of order: an older version never replaces a newer one.
    const setUi = useCallback((next: UiState | ((current: UiState | null) => UiState | null)) => {
        setUiState((current) => {
            const value = typeof next === 'function' ? next(current) : next;
            return !current || !value || value.version >= current.version ? value : current;
        });
    }, []);
    const [views, setViews] = useState<SplitView[]>([]);
    const [models, setModels] = useState<Models>({ defaultModel: 'offline', models: [] });
    const [chats, setChats] = useState<Map<string, ChatView>>(new Map());
    const [missing, setMissing] = useState<Set<string>>(new Set());
    const [dialog, setDialog] = useState<DialogState>(null);
    const [notice, setNotice] = useState<string | null>(null);
    const [inbox, setInbox] = useState<Attention[]>([]);
    const [inboxOpen, setInboxOpen] = useState(false);
    const [narrow, setNarrow] = useState(window.matchMedia('(max-width: 760px)').matches);
    const [sidebarOpen, setSidebarOpen] = useState(true);
    const uiRef = useRef<UiState | null>(null);
    uiRef.current = ui;

    const fail = useCallback((e: unknown) => {
        setNotice(e instanceof ApiError ? `${e.title}${e.detail ? `: ${e.detail}` : ''}` : String(e));
    }, []);

    // Only the answer to the newest UI-state change is shown: an older answer arriving in between would take back
    // what the user did since (a tab switch shown at once, say). A refused change reloads the stored state.
    const uiChanges = useRef(0);
    const changeUi = useCallback(async (change: () => Promise<UiState>): Promise<void> => {
        const mine = ++uiChanges.current;
        try {
            const state = await change();
            if (mine === uiChanges.current) {
                setUi(state);
            }
        } catch (e) {
            fail(e);
            api.uiState().then((state) => mine === uiChanges.current && setUi(state)).catch(() => undefined);
        }
    }, [fail, setUi]);

    const remember = useCallback((chat: ChatView) => {
        setChats((all) => {
            return isStale(all.get(chat.id), chat) ? all : new Map(all).set(chat.id, chat);
        });
        setSidebar((s) => s && s.projectId === chat.projectId ? applySummary(s, summaryOf(chat)) : s);
    }, []);

    // connection, sign-in and the first reads
    useEffect(() => {
        // An expired token is renewed at the provider when it can be; only then does the user have to sign in.
        const renewOrSignOut = () => {
            renewSignIn().then((renewed) => {
                if (renewed) {
                    socket.reconnect();
                } else {
                    setSignedOut(true);
                }
            });
        };
        const offStatus = socket.onStatus((s) => {
            setStatus(s);
            if (s === 'signed-out') {
                renewOrSignOut();
            }
        });
        const offUnauthorised = onUnauthorised(renewOrSignOut);
        const renewal = window.setInterval(() => {
            renewWhenDue().catch(() => undefined);
        }, 15_000);
        const offErrors = socket.onError((frame) => {
            if (frame.type === 'error' && frame.request === 'send') {
                setNotice(`Not sent: ${frame.message}`);
            }
        });
        if (!signedOut) {
            socket.connect();
        }
        const media = window.matchMedia('(max-width: 760px)');
        const onMedia = () => setNarrow(media.matches);
        media.addEventListener('change', onMedia);
        return () => {
            offStatus();
            offUnauthorised();
            offErrors();
            window.clearInterval(renewal);
            media.removeEventListener('change', onMedia);
            socket.close();
        };
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [socket]);

    useEffect(() => {
        if (signedOut) {
            return;
        }
        (async () => {
            const [projectList, state, viewList, modelList] = await Promise.all([
                api.projects(), api.uiState(), api.views(), api.models()]);
            let list = projectList;
            if (list.length === 0) {
                list = [await api.createProject('My project')];
            }
            setProjects(list);
            setViews(viewList);
            setModels(modelList);
            setProjectId((current) => current && list.some((p) => p.id === current) ? current : list[0].id);
            const deepLink = chatIdInPath();
            const viewLink = viewIdInPath();
            const linkedElsewhere = deepLink !== null && (state.activeChatId !== deepLink || state.lastViewId !== null);
            // A link to a chat shows that chat at once; the server's answer confirms it (or says it is not found).
            setUi(linkedElsewhere ? { ...state, activeChatId: deepLink, lastViewId: null,
                openTabs: state.openTabs.includes(deepLink) ? state.openTabs : [...state.openTabs, deepLink] } : state);
            if (deepLink && linkedElsewhere) {
                try {
                    setUi(await api.openTab(deepLink));
                    setUi(await api.lastView(null));
                } catch (e) {
                    setUi(state);
                    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
                        setMissing((m) => new Set(m).add(deepLink));
                    } else {
                        fail(e);
                    }
                }
            } else if (viewLink && state.lastViewId !== viewLink && viewList.some((v) => v.id === viewLink)) {
                setUi(await api.lastView(viewLink));
            }
        })().catch(fail);
    }, [signedOut, fail, setUi]);

    // the live sidebar of the selected project
    useEffect(() => {
        if (!projectId || signedOut) {
            return;
        }
        localStorage.setItem(PROJECT_KEY, projectId);
        setSidebar(null);
        return socket.followProject(projectId, {
            frame: (frame: ServerFrame) => {
                if (frame.type === 'project_snapshot') {
                    setSidebar(fromSnapshot(projectId, frame.chats, frame.truncated));
                    setChats((all) => {
                        const next = new Map(all);
                        frame.chats.forEach((c) => next.set(c.chatId, chatViewOf(all.get(c.chatId), c, projectId)));
                        return next;
                    });
                } else if (frame.type === 'chat_summary') {
                    setSidebar((s) => s && applySummary(s, frame.chat));
                    setChats((all) => new Map(all).set(frame.chat.chatId,
                        chatViewOf(all.get(frame.chat.chatId), frame.chat, projectId)));
                } else if (frame.type === 'chat_removed') {
                    setSidebar((s) => s && applyRemoval(s, frame.chatId));
                    setMissing((m) => new Set(m).add(frame.chatId));
                    setUi((u) => u && { ...u, openTabs: u.openTabs.filter((t) => t !== frame.chatId) });
                    setViews((vs) => vs.map((v) => ({ ...v, panes: v.panes.filter((p) => p.chatId !== frame.chatId) })));
                } else if (frame.type === 'project_unsubscribed' || frame.type === 'error') {
                    setNotice('This project is no longer available.');
                }
            },
        });
    }, [projectId, signedOut, socket]);

    // the needs-attention inbox: turns that ended in chats not in view
    const visibleChats = useRef<Set<string>>(new Set());
    useEffect(() => {
        if (signedOut) {
            return;
        }
        return socket.followInbox((frame) => {
            if (frame.type !== 'attention' || (visibleChats.current.has(frame.chatId) && !document.hidden)) {
                return;
            }
            setInbox((items) => [{ chatId: frame.chatId, kind: frame.kind, at: frame.at },
                ...items.filter((i) => i.chatId !== frame.chatId)].slice(0, 50));
            if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
                new Notification(`Switchboard: a turn ${frame.kind}`);
            }
        });
    }, [signedOut, socket]);

    // chats shown in tabs or panes that the sidebar does not hold (other projects)
    const activeView = ui?.lastViewId ? views.find((v) => v.id === ui.lastViewId) ?? null : null;
    const shownIds = useMemo(() => {
        const ids = new Set(ui?.openTabs ?? []);
        activeView?.panes.forEach((p) => ids.add(p.chatId));
        return ids;
    }, [ui, activeView]);
    useEffect(() => {
        shownIds.forEach((id) => {
            if (!chats.has(id) && !missing.has(id)) {
                api.chat(id).then(remember).catch((e) => {
                    if (e instanceof ApiError && e.status === 404) {
                        setMissing((m) => new Set(m).add(id));
                    }
                });
            }
        });
    }, [shownIds, chats, missing, remember]);

    const visible = activeView ? activeView.panes.map((p) => p.chatId) : ui?.activeChatId ? [ui.activeChatId] : [];
    visibleChats.current = new Set(visible);
    useEffect(() => {
        setInbox((items) => items.filter((i) => !visible.includes(i.chatId)));
        const path = activeView ? `/views/${activeView.id}` : ui?.activeChatId ? `/chats/${ui.activeChatId}` : '/';
        if (window.location.pathname !== path && !(path === '/' && chatIdInPath())) {
            window.history.replaceState(null, '', path);
        }
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [visible.join(','), activeView?.id]);

    // The last few tabs stay mounted (hidden), so switching back to one is instant and its stream stays live.
    const [mountedTabs, setMountedTabs] = useState<string[]>([]);
    useEffect(() => {
        setMountedTabs((recent) => {
            const open = new Set(ui?.openTabs ?? []);
            const active = ui?.activeChatId && !missing.has(ui.activeChatId) ? [ui.activeChatId] : [];
            return [...active, ...recent.filter((id) => !active.includes(id))]
                .filter((id) => open.has(id) && !missing.has(id)).slice(0, MOUNTED_TABS);
        });
    }, [ui, missing]);

    // A chat in view is read: its unread count (from the sidebar or REST) goes back to zero on the server.
    const reading = useRef(new Set<string>());
    useEffect(() => {
        for (const id of visible) {
            const chat = chats.get(id);
            if (chat && chat.unread > 0 && !reading.current.has(id) && !document.hidden) {
                reading.current.add(id);
                api.markRead(id).then(remember).catch(() => undefined).finally(() => reading.current.delete(id));
            }
        }
    }, [visible, chats, remember]);

    const roleOf = (chatId: string | null): ProjectView['role'] | null => {
        const chat = chatId ? chats.get(chatId) : undefined;
        const project = projects.find((p) => p.id === (chat?.projectId ?? projectId));
        return project?.role ?? null;
    };
    const canEditProject = projects.find((p) => p.id === projectId)?.role !== 'viewer';

    const openChat = useCallback(async (chatId: string) => {
        await changeUi(() => api.openTab(chatId));
        if (uiRef.current?.lastViewId) {
            await changeUi(() => api.lastView(null));
        }
    }, [changeUi]);

    const activate = async (chatId: string) => {
        // shown at once; the server's answer then confirms it
        setUi((u) => u && { ...u, activeChatId: chatId, lastViewId: null });
        const wasView = uiRef.current?.lastViewId;
        await changeUi(() => api.activateTab(chatId));
        if (wasView) {
            await changeUi(() => api.lastView(null));
        }
    };

    const closeTab = (chatId: string) => changeUi(() => api.closeTab(chatId));

    const replaceView = (view: SplitView) => setViews((vs) => vs.some((v) => v.id === view.id)
        ? vs.map((v) => v.id === view.id ? view : v) : [...vs, view]);

    /** Changes a view; on a stale version, reads it again so the next change applies to what is stored. */
    const changeView = async (change: () => Promise<SplitView>) => {
        try {
            replaceView(await change());
        } catch (e) {
            if (e instanceof ApiError && e.status === 409 && activeView) {
                api.views().then(setViews).catch(() => undefined);
            }
            fail(e);
        }
    };

    const openInPane = async (chatId: string) => {
        try {
            if (activeView) {
                if (!activeView.panes.some((p) => p.chatId === chatId)) {
                    replaceView(await api.addPane(activeView, chatId));
                }
                return;
            }
            const first = ui?.activeChatId && ui.activeChatId !== chatId ? [ui.activeChatId] : [];
            const view = await api.createView('Split view', 'horizontal', 'independent', [...first, chatId]);
            replaceView(view);
            await changeUi(() => api.lastView(view.id));
        } catch (e) {
            fail(e);
        }
    };

    const actions: ChatActions = {
        open: openChat,
        openInPane,
        rename: (chat) => setDialog({ kind: 'rename', chat, title: chat.title }),
        duplicate: (chat) => api.duplicate(chat.chatId).then((c) => openChat(c.id)).catch(fail),
        togglePin: (chat) => api.updateChat(chat.chatId, { pinned: !chat.pinned }).then(remember).catch(fail),
        archive: (chat) => api.archive(chat.chatId).then(remember).catch(fail),
        restore: (chat) => api.restore(chat.chatId).then(remember).catch(fail),
        remove: (chat) => setDialog({ kind: 'delete', chat }),
        exportChat: (chat) => exportChat(chat.chatId, chat.title).catch(fail),
    };

    const newChat = () => {
        setDialog({ kind: 'new-chat', title: '', model: models.defaultModel, fromBranch: '', branches: [] });
        if (projectId) {
            api.branches(projectId).then((listing) => setDialog((d) => d?.kind === 'new-chat'
                ? { ...d, branches: startingBranches(listing) } : d)).catch(() => undefined);
        }
    };

    const importChat = async (file: File) => {
        if (!projectId) {
            return;
        }
        try {
            const chat = await api.importChat(projectId, await file.text());
            await openChat(chat.id);
        } catch (e) {
            fail(e);
        }
    };

    // keyboard shortcuts of the tabs
    useEffect(() => {
        const onKey = (e: KeyboardEvent) => {
            const action = shortcutOf(e);
            const state = uiRef.current;
            if (!action || !state) {
                return;
            }
            e.preventDefault();
            const tabs = state.openTabs;
            switch (action.kind) {
                case 'switch-tab': {
                    const target = tabAt(tabs, action.index);
                    if (target) {
                        activate(target);
                    }
                    break;
                }
                case 'next-tab':
                case 'previous-tab': {
                    const target = stepTab(tabs, state.activeChatId, action.kind === 'next-tab' ? 1 : -1);
                    if (target) {
                        activate(target);
                    }
                    break;
                }
                case 'close-tab':
                    if (state.activeChatId) {
                        closeTab(state.activeChatId);
                    }
                    break;
                case 'restore-tab':
                    changeUi(() => api.restoreTab());
                    break;
                case 'new-chat':
                    newChat();
                    break;
            }
        };
        window.addEventListener('keydown', onKey);
        return () => window.removeEventListener('keydown', onKey);
    });

    const confirmDialog = async () => {
        const current = dialog;
        setDialog(null);
        try {
            if (current?.kind === 'new-chat' && projectId) {
                const chat = await api.createChat(projectId, current.title.trim() || null, current.model || null,
                    current.fromBranch || null);
                remember(chat);
                await openChat(chat.id);
            } else if (current?.kind === 'rename') {
                remember(await api.updateChat(current.chat.chatId, { title: current.title }));
            } else if (current?.kind === 'delete') {
                await api.deleteChat(current.chat.chatId);
                setSidebar((s) => s && applyRemoval(s, current.chat.chatId));
                setUi(await api.uiState());
                setViews(await api.views());
            }
        } catch (e) {
            fail(e);
        }
    };

    const signIn = <SignIn onToken={(token) => {
        setToken(token);
        setSignedOut(false);
        socket.reconnect();
    }} expired={ui !== null} />;
    if (signedOut && ui === null) {
        return signIn;
    }

    const chatTitle = (chatId: string) => {
        const chat = chats.get(chatId);
        const summary = sidebar?.chats.get(chatId);
        return { title: missing.has(chatId) ? 'Not found' : chat?.title ?? '…', summary };
    };
    const modelNames = models.models.map((m) => m.name);
    const activeChatId = ui?.activeChatId ?? null;

    return (
        <div className={`app${narrow ? ' narrow' : ''}`}>
            <header className="topbar">
                <button className="sidebar-toggle" aria-expanded={sidebarOpen} aria-controls="sidebar"
                    onClick={() => setSidebarOpen(!sidebarOpen)}>☰</button>
                <strong className="brand">Switchboard</strong>
                {status !== 'open' && <span className="connection" role="status">{status === 'reconnecting'
                    ? 'Reconnecting…' : 'Connecting…'}</span>}
                <span className="spacer" />
                {views.length > 0 && (
                    <select aria-label="Views" value={activeView?.id ?? ''} onChange={(e) =>
                        changeUi(() => api.lastView(e.target.value || null))}>
                        <option value="">Tabs</option>
                        {views.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
                    </select>
                )}
                <PullRequestButton chatId={activeView ? null : activeChatId}
                    title={activeChatId ? chatTitle(activeChatId).title : ''} />
                <button className="inbox-button" aria-label={`Inbox, ${inbox.length} need attention`} aria-expanded={inboxOpen}
                    onClick={() => setInboxOpen(!inboxOpen)}>
                    Inbox {inbox.length > 0 && <span className="badge">{inbox.length}</span>}
                </button>
            </header>
            {inboxOpen && (
                <ul className="inbox" aria-label="Chats that need attention">
                    {inbox.length === 0 && <li>Nothing needs attention.</li>}
                    {inbox.map((item) => (
                        <li key={item.chatId}><button onClick={() => {
                            setInboxOpen(false);
                            const pane = views.find((v) => v.panes.some((p) => p.chatId === item.chatId));
                            if (pane) {
                                changeUi(() => api.lastView(pane.id));
                            } else {
                                openChat(item.chatId);
                            }
                        }}>{chatTitle(item.chatId).title}: {item.kind}</button></li>
                    ))}
                    {'Notification' in window && Notification.permission === 'default' &&
                        <li><button onClick={() => Notification.requestPermission()}>Notify me when the page is hidden</button></li>}
                </ul>
            )}
            <div className="body">
                {(sidebarOpen || !narrow) && sidebarOpen &&
                    <div id="sidebar" className="sidebar-wrap">
                        <Sidebar projects={projects} projectId={projectId} sidebar={sidebar} activeChatId={activeChatId}
                            canEdit={canEditProject} onProject={setProjectId} onNewChat={newChat} onImport={importChat}
                            actions={actions} />
                    </div>}
                <main className="main">
                    <TabBar tabs={ui?.openTabs ?? []} activeChatId={activeChatId} viewActive={activeView !== null}
                        chat={chatTitle} onActivate={activate} onClose={closeTab}
                        onMove={(chatId, to) => changeUi(() => api.moveTab(chatId, to))} />
                    {notice && <div className="notice" role="alert">{notice}
                        <button aria-label="Dismiss" onClick={() => setNotice(null)}>×</button></div>}
                    {activeView ? (
                        <ViewArea socket={socket} view={activeView} chats={chats} models={modelNames}
                            canEdit={canEditProject} narrow={narrow}
                            onLayout={(layout: Layout) => changeView(() => api.updateView(activeView, { layout }))}
                            onMode={(b) => changeView(() => api.updateView(activeView, { syncMode: b ? 'broadcast' : 'independent' }))}
                            onResize={(sizes) => changeView(() => api.resize(activeView, sizes))}
                            onPaneModel={(index, model) => changeView(() => api.updatePane(activeView, index, { model }))}
                            onRemovePane={(index) => changeView(() => api.removePane(activeView, index))}
                            onKeep={(chatId) => openChat(chatId)}
                            onBroadcast={(text) => api.broadcast(activeView, text, `web-${crypto.randomUUID()}`).catch(fail)}
                            onOpenChat={openChat}
                            onClose={() => changeUi(() => api.lastView(null))} />
                    ) : null}
                    {mountedTabs.map((chatId) => (
                        <div key={chatId} role="tabpanel" className="tab-panel"
                            hidden={activeView !== null || chatId !== activeChatId}>
                            <ChatPane socket={socket} chatId={chatId} chat={chats.get(chatId)}
                                model={null} models={modelNames} composer canEdit={roleOf(chatId) !== 'viewer'}
                                label="Chat" onOpenChat={openChat}
                                onModel={(model) => api.updateChat(chatId, { model }).then(remember).catch(fail)} />
                        </div>
                    ))}
                    {activeView ? null : activeChatId && !missing.has(activeChatId) ? null
                    : activeChatId ? (
                        <p className="notice empty" role="alert">Chat not found</p>
                    ) : missing.size > 0 && chatIdInPath() ? (
                        <p className="notice empty" role="alert">Chat not found</p>
                    ) : (
                        <p className="empty">Open a chat from the sidebar, or start one with Ctrl+T.</p>
                    )}
                </main>
            </div>
            {signedOut && <div className="dialog-backdrop">{signIn}</div>}
            {dialog?.kind === 'new-chat' && (
                <Dialog title="New chat" confirm="Create" onConfirm={confirmDialog} onCancel={() => setDialog(null)}>
                    <label>Title <input value={dialog.title} placeholder="New chat"
                        onChange={(e) => setDialog({ ...dialog, title: e.target.value })} /></label>
                    <label>Model <select value={dialog.model} onChange={(e) => setDialog({ ...dialog, model: e.target.value })}>
                        {modelNames.map((m) => <option key={m} value={m}>{m}</option>)}
                    </select></label>
                    <label>Start from <select value={dialog.fromBranch}
                        onChange={(e) => setDialog({ ...dialog, fromBranch: e.target.value })}>
                        <option value="">the default branch</option>
                        {dialog.branches.map((b) => <option key={b} value={b}>{b}</option>)}
                    </select></label>
                </Dialog>
            )}
            {dialog?.kind === 'rename' && (
                <Dialog title="Rename chat" confirm="Rename" onConfirm={confirmDialog} onCancel={() => setDialog(null)}>
                    <label>Title <input value={dialog.title} onChange={(e) => setDialog({ ...dialog, title: e.target.value })} /></label>
                </Dialog>
            )}
            {dialog?.kind === 'delete' && (
                <Dialog title="Delete chat" confirm="Delete" onConfirm={confirmDialog} onCancel={() => setDialog(null)}>
                    <p>Delete “{dialog.chat.title}” with all its messages? This cannot be undone.</p>
                </Dialog>
            )}
        </div>
    );
}

async function exportChat(chatId: string, title: string): Promise<void> {
    const url = URL.createObjectURL(await api.exportChat(chatId));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${title.replace(/[^\w.-]+/g, '_') || 'chat'}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function SignIn({ onToken, expired }: { onToken(token: string): void; expired: boolean }) {
    const [token, setTokenText] = useState('');
    const [problem, setProblem] = useState(signInProblem());
    if (signInMode() === 'oidc') {
        return (
            <main className="sign-in">
                <h1>Switchboard</h1>
                <p>{expired ? 'Your sign-in expired. Nothing is lost: sign in again to carry on.'
                    : 'Sign in to carry on.'}</p>
                {problem && <p role="alert">{problem}</p>}
                <button type="button" onClick={() => {
                    signInAtProvider().then((leaving) => {
                        if (!leaving) {
                            setProblem(signInProblem() ?? 'The sign-in provider cannot be reached.');
                        }
                    });
                }}>Sign in</button>
            </main>
        );
    }
    return (
        <main className="sign-in">
            <h1>Switchboard</h1>
            <p>{expired ? 'Your sign-in expired. Nothing is lost: sign in again to carry on.'
                : 'Sign in with the link ./switchboard prints, or paste a token.'}</p>
            <form onSubmit={(e) => {
                e.preventDefault();
                if (token.trim()) {
                    onToken(token.trim());
                }
            }}>
                <label>Token <input aria-label="Token" value={token} onChange={(e) => setTokenText(e.target.value)} /></label>
                <button type="submit">Sign in</button>
            </form>
        </main>
    );
}
