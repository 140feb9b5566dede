import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { OidcProviderSetting } from '../src/config.ts';

/** What the provider says of each person who can sign in at it (their login is the subject). */
export interface TestPerson {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  /** The setting an installation at `baseUrl` uses for this provider, under the id `id`. */
  setting(id?: string): OidcProviderSetting;
  people: Map<string, TestPerson>;
  close(): Promise<void>;
}

export const CLIENT_ID = 'ieumteo';
const CLIENT_SECRET = 'test-client-secret-0123456789';

/**
 * A real OpenID provider (`oidc-provider`, certified) on a loopback port, with its development
 * sign-in pages (any login name, any password). The client it knows answers at `baseUrl`'s
 * `/login/oidc/<id>/callback` for each id in `ids`.
 */
export async function startOidcProvider(baseUrl: string, ids: string[] = ['test']): Promise<TestOidcProvider> {
  const people = new Map<string, TestPerson>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: ids.map((id) => `${baseUrl}/login/oidc/${id}/callback`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    async findAccount(_ctx, id) {
      const person = people.get(id);
      if (!person) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...person }) };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    people,
    setting: (id = 'test') => ({ id, name: '테스트 인증', issuer: new URL(issuer), clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Goes through the provider's pages as a browser without scripts would (its cookies kept): signs in
 * as `login`, consents, and returns the address the provider sends the browser back to — with the
 * code and state — without following it.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, callbackPrefix: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | null = null;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      form = null;
      if (url.href.startsWith(callbackPrefix)) return url;
      continue;
    }
    const page = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!prompt || !action) throw new Error(`the provider showed no form (${response.status}): ${page.slice(0, 300)}`);
    url = new URL(action, url);
    form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider did not send the browser back');
}
