import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type FormBody = Record<string, string | string[]>;

/**
 * A browser stand-in over `app.inject`: keeps cookies, and sends the CSRF token of the last page it
 * saw with every form it posts — so tests go through the same checks a person does.
 */
export class Agent {
  private cookies = new Map<string, string>();
  private csrf: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
  }

  private get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader, ...headers } });
    this.remember(response);
    return response;
  }

  /** Posts a form as a browser would; pass `csrf: null` to leave the token out. */
  async post(url: string, form: FormBody = {}, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    if (options.csrf === undefined && !this.csrf) await this.get('/');
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    if (token) body.set('_csrf', token);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(response);
    return response;
  }

  /** Posts a multipart form with one file, as a browser does for an upload; the token goes first. */
  async postFile(url: string, form: FormBody, file: { field: string; filename: string; content: Buffer; type?: string }): Promise<LightMyRequestResponse> {
    if (!this.csrf) await this.get('/');
    const boundary = `----ieumteo${Date.now()}`;
    const parts: Buffer[] = [];
    const field = (name: string, value: string) =>
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    if (this.csrf) field('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) field(k, item);
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    this.remember(response);
    return response;
  }

  /** Signs in through the real login form. */
  async login(email: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/login');
    const response = await this.post('/login', { email, password });
    if (response.statusCode !== 303) throw new Error(`login failed for ${email}: ${response.statusCode}`);
    // The session changed, so the CSRF token did too: pick up the new one.
    await this.get('/account');
    return response;
  }
}
