// The browser's sign-in, whichever way the gateway says (GET /api/sign-in): the local token, or the provider
// (authorization code with PKCE, oidc.ts). Read once before the app renders.

import { CALLBACK_PATH, SignInError, beginSignIn, finishSignIn, renewTokens } from './oidc';
import type { SignInDeps, SignInSettings } from './oidc';
import { currentToken, secondsLeft } from './token';

let settings: SignInSettings = { mode: 'local', issuer: null, clientId: null, scope: null };
let problem: string | null = null;
let renewal: Promise<boolean> | null = null;

const deps = (): SignInDeps => ({ fetch: window.fetch.bind(window), session: sessionStorage, local: localStorage });

export function signInMode(): SignInSettings['mode'] {
    return settings.mode;
}

/** Why the last sign-in at the provider failed, to show next to the button that tries again. */
export function signInProblem(): string | null {
    return problem;
}

/**
 * Before the first render: completes a provider's redirect back, renews an expired token, or sends a browser that
 * has no token to the provider. Answers false when the page is leaving for the provider.
 */
export async function prepareSignIn(): Promise<boolean> {
    try {
        const response = await fetch('/api/sign-in');
        if (response.ok) {
            settings = await response.json() as SignInSettings;
        }
    } catch {
        // the gateway is unreachable: the app shows it is connecting, and the local sign-in form
    }
    if (settings.mode !== 'oidc') {
        return true;
    }
    if (window.location.pathname === CALLBACK_PATH) {
        try {
            const returnTo = await finishSignIn(settings, new URL(window.location.href), deps());
            window.history.replaceState(null, '', returnTo);
        } catch (e) {
            problem = e instanceof SignInError ? e.message : String(e);
            window.history.replaceState(null, '', '/');
        }
        return true;
    }
    const token = currentToken();
    const left = token ? secondsLeft(token) : null;
    if (token && (left === null || left > 0)) {
        return true;
    }
    if (await renewSignIn()) {
        return true;
    }
    return !(await signInAtProvider());
}

/** One renewal at a time, however many calls came back 401 together. */
export function renewSignIn(): Promise<boolean> {
    if (!renewal) {
        renewal = renewTokens(settings, deps()).finally(() => {
            renewal = null;
        });
    }
    return renewal;
}

/** Renews ahead of expiry, so a call rarely meets an expired token at all. */
export function renewWhenDue(): Promise<boolean> {
    const token = currentToken();
    const left = token ? secondsLeft(token) : null;
    return settings.mode === 'oidc' && left !== null && left < 60 ? renewSignIn() : Promise.resolve(false);
}

/** Sends the browser to the provider, to come back to where it is now. Answers false when that cannot start. */
export async function signInAtProvider(): Promise<boolean> {
    if (settings.mode !== 'oidc') {
        return false;
    }
    try {
        const here = window.location.pathname + window.location.search;
        window.location.assign(await beginSignIn(settings, window.location.origin, here, deps()));
        return true;
    } catch (e) {
        problem = e instanceof SignInError ? e.message : String(e);
        return false;
    }
}
