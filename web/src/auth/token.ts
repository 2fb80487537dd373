// The bearer token of this browser. Locally `./switchboard` prints a link whose fragment carries the token
// (a fragment never reaches a server or an access log); the page keeps it in localStorage, so other tabs and
// a reload have it, and removes it from the address bar at once.

const KEY = 'switchboard.token';

export function takeTokenFromLocation(location: Location, history: History, storage: Storage): void {
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    const token = fragment.get('token');
    if (token) {
        storage.setItem(KEY, token);
        history.replaceState(null, '', location.pathname + location.search);
    }
}

export function currentToken(storage: Storage = localStorage): string | null {
    return storage.getItem(KEY);
}

export function setToken(token: string, storage: Storage = localStorage): void {
    storage.setItem(KEY, token.trim());
}

export function forgetToken(storage: Storage = localStorage): void {
    storage.removeItem(KEY);
}

/** Seconds until the token's `exp`, or null when it cannot be read (the server decides in any case). */
export function secondsLeft(token: string, now: number = Date.now()): number | null {
    const parts = token.split('.');
    if (parts.length !== 3) {
        return null;
    }
    try {
        const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
        const exp = JSON.parse(json).exp;
        return typeof exp === 'number' ? Math.floor(exp - now / 1000) : null;
    } catch {
        return null;
    }
}
