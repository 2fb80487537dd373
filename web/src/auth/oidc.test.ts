import { describe, expect, it } from 'vitest';

import { SignInError, beginSignIn, codeChallenge, discover, finishSignIn, renewTokens, safeReturnPath } from './oidc';
import type { SignInDeps, SignInSettings } from './oidc';
import { currentToken } from './token';

class MemoryStorage implements Storage {
    private readonly items = new Map<string, string>();
    get length() {
        return this.items.size;
    }
    clear() {
        this.items.clear();
    }
    getItem(key: string) {
        return this.items.get(key) ?? null;
    }
    key(index: number) {
        return [...this.items.keys()][index] ?? null;
    }
    removeItem(key: string) {
        this.items.delete(key);
    }
    setItem(key: string, value: string) {
        this.items.set(key, String(value));
    }
}

const ISSUER = 'https://sso.example.com/realms/switchboard';
const ORIGIN = 'https://switchboard.example.com';
const settings: SignInSettings = { mode: 'oidc', issuer: ISSUER, clientId: 'switchboard-web', scope: 'openid' };

interface TokenRequest {
    url: string;
    form: URLSearchParams;
}

/** The provider, outside this app: a discovery document and a token endpoint answering as told. */
function provider(tokenAnswer: (form: URLSearchParams) => { status: number; body: unknown },
    issuer: string = ISSUER): { deps: SignInDeps; tokenRequests: TokenRequest[] } {
    const tokenRequests: TokenRequest[] = [];
    const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url === `${ISSUER}/.well-known/openid-configuration`) {
            return new Response(JSON.stringify({
                issuer,
                authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
                token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
            }), { status: 200 });
        }
        if (url === `${ISSUER}/protocol/openid-connect/token` && init?.method === 'POST') {
            const form = new URLSearchParams(String(init.body));
            tokenRequests.push({ url, form });
            const answer = tokenAnswer(form);
            return new Response(JSON.stringify(answer.body), { status: answer.status });
        }
        return new Response('not found', { status: 404 });
    }) as typeof fetch;
    return { deps: { fetch: fetchFn, session: new MemoryStorage(), local: new MemoryStorage() }, tokenRequests };
}

const granted = () => ({ status: 200, body: { access_token: 'access-1', refresh_token: 'refresh-1', expires_in: 300 } });

describe('PKCE', () => {
    it('derives the S256 challenge of RFC 7636, appendix B', async () => {
        expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'))
            .toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    });
});

describe('signing in at the provider', () => {
    it('sends the browser to the authorization endpoint with a fresh state and the challenge of a kept verifier', async () => {
        const { deps } = provider(granted);
        const url = new URL(await beginSignIn(settings, ORIGIN, '/chats/c-1', deps));

        expect(url.origin + url.pathname).toBe(`${ISSUER}/protocol/openid-connect/auth`);
        expect(url.searchParams.get('response_type')).toBe('code');
        expect(url.searchParams.get('client_id')).toBe('switchboard-web');
        expect(url.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/auth/callback`);
        expect(url.searchParams.get('code_challenge_method')).toBe('S256');
        const pending = JSON.parse(deps.session.getItem('switchboard.sign-in')!);
        expect(url.searchParams.get('state')).toBe(pending.state);
        expect(url.searchParams.get('code_challenge')).toBe(await codeChallenge(pending.verifier));
        expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);

        const again = new URL(await beginSignIn(settings, ORIGIN, '/', deps));
        expect(again.searchParams.get('state')).not.toBe(url.searchParams.get('state'));
    });

    it('exchanges the code with the verifier, keeps the tokens and returns to where the user was', async () => {
        const { deps, tokenRequests } = provider(granted);
        const state = new URL(await beginSignIn(settings, ORIGIN, '/chats/c-1', deps)).searchParams.get('state')!;
        const verifier = JSON.parse(deps.session.getItem('switchboard.sign-in')!).verifier;

        const returnTo = await finishSignIn(settings,
            new URL(`${ORIGIN}/auth/callback?code=abc&state=${state}&iss=${encodeURIComponent(ISSUER)}`), deps);

        expect(returnTo).toBe('/chats/c-1');
        expect(tokenRequests).toHaveLength(1);
        const form = tokenRequests[0].form;
        expect(form.get('grant_type')).toBe('authorization_code');
        expect(form.get('code')).toBe('abc');
        expect(form.get('code_verifier')).toBe(verifier);
        expect(form.get('redirect_uri')).toBe(`${ORIGIN}/auth/callback`);
        expect(currentToken(deps.local)).toBe('access-1');
        expect(deps.session.getItem('switchboard.sign-in')).toBeNull();
    });

    it('refuses an answer with another state, a replayed one, another issuer or the provider\'s error', async () => {
        const { deps, tokenRequests } = provider(granted);
        const state = new URL(await beginSignIn(settings, ORIGIN, '/', deps)).searchParams.get('state')!;
        await expect(finishSignIn(settings, new URL(`${ORIGIN}/auth/callback?code=abc&state=forged`), deps))
            .rejects.toThrow(SignInError);
        // the pending sign-in is used up by the first answer, forged or not
        await expect(finishSignIn(settings, new URL(`${ORIGIN}/auth/callback?code=abc&state=${state}`), deps))
            .rejects.toThrow('not asked for');

        const other = new URL(await beginSignIn(settings, ORIGIN, '/', deps)).searchParams.get('state')!;
        await expect(finishSignIn(settings,
            new URL(`${ORIGIN}/auth/callback?code=abc&state=${other}&iss=https%3A%2F%2Fevil.example`), deps))
            .rejects.toThrow('another provider');

        await beginSignIn(settings, ORIGIN, '/', deps);
        await expect(finishSignIn(settings,
            new URL(`${ORIGIN}/auth/callback?error=access_denied&error_description=User%20said%20no`), deps))
            .rejects.toThrow('User said no');
        expect(tokenRequests).toHaveLength(0);
        expect(currentToken(deps.local)).toBeNull();
    });

    it('shows the provider\'s reason when the code is refused', async () => {
        const { deps } = provider(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Code not valid' } }));
        const state = new URL(await beginSignIn(settings, ORIGIN, '/', deps)).searchParams.get('state')!;
        await expect(finishSignIn(settings, new URL(`${ORIGIN}/auth/callback?code=old&state=${state}`), deps))
            .rejects.toThrow('Code not valid');
        expect(currentToken(deps.local)).toBeNull();
    });

    it('trusts no discovery document that names another issuer', async () => {
        const { deps } = provider(granted, 'https://evil.example');
        await expect(discover(ISSUER, deps.fetch)).rejects.toThrow('another issuer');
    });

    it('returns only to a path of this app', () => {
        expect(safeReturnPath('/chats/c-1?x=1')).toBe('/chats/c-1?x=1');
        expect(safeReturnPath('//evil.example/x')).toBe('/');
        expect(safeReturnPath('/\\evil.example')).toBe('/');
        expect(safeReturnPath('https://evil.example')).toBe('/');
        expect(safeReturnPath('javascript:alert(1)')).toBe('/');
        expect(safeReturnPath('/auth/callback?code=x')).toBe('/');
        expect(safeReturnPath(null)).toBe('/');
    });
});

describe('renewing', () => {
    it('trades the refresh token for a new access token', async () => {
        const { deps, tokenRequests } = provider(() => ({ status: 200, body: { access_token: 'access-2', refresh_token: 'refresh-2' } }));
        deps.local.setItem('switchboard.refresh-token', 'refresh-1');

        expect(await renewTokens(settings, deps)).toBe(true);
        expect(tokenRequests[0].form.get('grant_type')).toBe('refresh_token');
        expect(tokenRequests[0].form.get('refresh_token')).toBe('refresh-1');
        expect(currentToken(deps.local)).toBe('access-2');
        expect(deps.local.getItem('switchboard.refresh-token')).toBe('refresh-2');
    });

    it('gives up, and forgets the refresh token, when the provider no longer honours it', async () => {
        const { deps } = provider(() => ({ status: 400, body: { error: 'invalid_grant' } }));
        deps.local.setItem('switchboard.refresh-token', 'revoked');
        expect(await renewTokens(settings, deps)).toBe(false);
        expect(deps.local.getItem('switchboard.refresh-token')).toBeNull();
        expect(await renewTokens(settings, deps)).toBe(false);
    });

    it('does nothing with the local token', async () => {
        const { deps, tokenRequests } = provider(granted);
        deps.local.setItem('switchboard.refresh-token', 'refresh-1');
        expect(await renewTokens({ mode: 'local', issuer: null, clientId: null, scope: null }, deps)).toBe(false);
        expect(tokenRequests).toHaveLength(0);
    });
});
