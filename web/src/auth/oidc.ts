// Signing in at an OIDC provider from the browser: the authorization code flow with PKCE (RFC 7636) as a
// public client, so no secret ever reaches the page. The provider's endpoints come from its discovery
// document; the verifier and state wait in sessionStorage while the browser is at the provider; the tokens are
// kept in localStorage like the local token, so every tab of the app shares one sign-in.

import { setToken } from './token';

export interface SignInSettings {
    mode: 'local' | 'oidc';
    issuer: string | null;
    clientId: string | null;
    scope: string | null;
}

export interface ProviderEndpoints {
    authorizationEndpoint: string;
    tokenEndpoint: string;
}

/** What the browser needs while the user is at the provider. */
interface PendingSignIn {
    state: string;
    verifier: string;
    returnTo: string;
}

export interface SignInDeps {
    fetch: typeof fetch;
    /** Survives the trip to the provider and back in this tab only. */
    session: Storage;
    /** Shared by every tab of the app. */
    local: Storage;
}

export class SignInError extends Error {
}

export const CALLBACK_PATH = '/auth/callback';
const PENDING_KEY = 'switchboard.sign-in';
const REFRESH_KEY = 'switchboard.refresh-token';

export function base64Url(bytes: Uint8Array): string {
    let binary = '';
    bytes.forEach((b) => {
        binary += String.fromCharCode(b);
    });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes, base64url: 43 characters, inside PKCE's 43-128 for a verifier. */
export function randomToken(): string {
    return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return base64Url(new Uint8Array(digest));
}

/** Only a path of this app may be returned to: never another origin (`//host`, `https:`) or a script URL. */
export function safeReturnPath(path: string | null | undefined): string {
    return path && /^\/(?![/\\])/.test(path) && !path.startsWith(CALLBACK_PATH) ? path : '/';
}

export async function discover(issuer: string, fetchFn: typeof fetch): Promise<ProviderEndpoints> {
    let response: Response;
    try {
        response = await fetchFn(`${issuer}/.well-known/openid-configuration`);
    } catch {
        throw new SignInError(`The sign-in provider at ${issuer} cannot be reached.`);
    }
    if (!response.ok) {
        throw new SignInError(`The sign-in provider at ${issuer} answered ${response.status}.`);
    }
    const document = await response.json() as Record<string, unknown>;
    // A document naming another issuer would send the user, and the code, somewhere else.
    if (document.issuer !== issuer || typeof document.authorization_endpoint !== 'string'
        || typeof document.token_endpoint !== 'string') {
        throw new SignInError(`The sign-in provider at ${issuer} describes another issuer or no endpoints.`);
    }
    return { authorizationEndpoint: document.authorization_endpoint, tokenEndpoint: document.token_endpoint };
}

export function redirectUri(origin: string): string {
    return origin + CALLBACK_PATH;
}

export function authorizationUrl(endpoints: ProviderEndpoints, settings: SignInSettings, origin: string,
    state: string, challenge: string): string {
    const url = new URL(endpoints.authorizationEndpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', settings.clientId ?? '');
    url.searchParams.set('redirect_uri', redirectUri(origin));
    url.searchParams.set('scope', settings.scope ?? 'openid');
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', challenge);
    url.searchParams.set('code_challenge_method', 'S256');
    return url.toString();
}

/** Prepares a sign-in and answers the provider's URL to send the browser to. */
export async function beginSignIn(settings: SignInSettings, origin: string, returnTo: string, deps: SignInDeps):
    Promise<string> {
    const endpoints = await discover(settings.issuer ?? '', deps.fetch);
    const pending: PendingSignIn = { state: randomToken(), verifier: randomToken(), returnTo: safeReturnPath(returnTo) };
    deps.session.setItem(PENDING_KEY, JSON.stringify(pending));
    return authorizationUrl(endpoints, settings, origin, pending.state, await codeChallenge(pending.verifier));
}

/**
 * Completes a sign-in on the provider's redirect back: the state must be the one this tab sent, the issuer (when
 * the provider names it, RFC 9207) the configured one; the code is then exchanged with the verifier. Answers the
 * path to return to.
 */
export async function finishSignIn(settings: SignInSettings, callback: URL, deps: SignInDeps): Promise<string> {
    const stored = deps.session.getItem(PENDING_KEY);
    deps.session.removeItem(PENDING_KEY);
    const params = callback.searchParams;
    const error = params.get('error');
    if (error) {
        throw new SignInError(`The sign-in provider refused: ${params.get('error_description') ?? error}.`);
    }
    let pending: PendingSignIn | null = null;
    try {
        pending = stored ? JSON.parse(stored) as PendingSignIn : null;
    } catch {
        pending = null;
    }
    const code = params.get('code');
    if (!pending || !code || params.get('state') !== pending.state) {
        throw new SignInError('This sign-in answer was not asked for by this tab. Sign in again.');
    }
    const issuer = params.get('iss');
    if (issuer !== null && issuer !== settings.issuer) {
        throw new SignInError('The sign-in answer came from another provider. Sign in again.');
    }
    const endpoints = await discover(settings.issuer ?? '', deps.fetch);
    await requestTokens(endpoints, deps, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(callback.origin),
        client_id: settings.clientId ?? '',
        code_verifier: pending.verifier,
    });
    return safeReturnPath(pending.returnTo);
}

/** A new access token from the refresh token, when there is one and the provider still honours it. */
export async function renewTokens(settings: SignInSettings, deps: SignInDeps): Promise<boolean> {
    const refreshToken = deps.local.getItem(REFRESH_KEY);
    if (settings.mode !== 'oidc' || !refreshToken) {
        return false;
    }
    try {
        const endpoints = await discover(settings.issuer ?? '', deps.fetch);
        await requestTokens(endpoints, deps, {
            grant_type: 'refresh_token',
            refresh_token: refreshToken,
            client_id: settings.clientId ?? '',
        });
        return true;
    } catch {
        deps.local.removeItem(REFRESH_KEY);
        return false;
    }
}

export function forgetRefreshToken(local: Storage): void {
    local.removeItem(REFRESH_KEY);
}

async function requestTokens(endpoints: ProviderEndpoints, deps: SignInDeps, form: Record<string, string>):
    Promise<void> {
    let response: Response;
    try {
        response = await deps.fetch(endpoints.tokenEndpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
        });
    } catch {
        throw new SignInError('The sign-in provider cannot be reached.');
    }
    const body = await response.json().catch(() => ({})) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
        const reason = typeof body.error_description === 'string' ? body.error_description : body.error;
        throw new SignInError(`The sign-in provider refused the token request${reason ? `: ${reason}` : ''}.`);
    }
    setToken(body.access_token, deps.local);
    if (typeof body.refresh_token === 'string') {
        deps.local.setItem(REFRESH_KEY, body.refresh_token);
    }
}
