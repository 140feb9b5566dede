import * as oidc from 'openid-client';
import type { OidcProviderSetting } from '../../config.ts';

/** A provider people may sign in with, its metadata discovered once (and again after a failure). */
export interface OidcProvider {
  id: string;
  name: string;
  /** Where the provider sends the browser back: `/login/oidc/<id>/callback` of this site. */
  redirectUri: string;
  configuration(): Promise<oidc.Configuration>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The providers of an installation, by id. Discovery (OpenID Connect Discovery 1.0) happens on the
 * first sign-in, not at start, so a provider that is down does not stop the site. Plain HTTP is
 * allowed only to a provider on this machine's loopback address (a provider run beside the site, or
 * in tests); anywhere else openid-client insists on HTTPS.
 */
export function oidcProviders(settings: readonly OidcProviderSetting[], baseUrl: string): Map<string, OidcProvider> {
  return new Map(
    settings.map((setting) => {
      let discovered: Promise<oidc.Configuration> | null = null;
      const discover = async () => {
        const auth = setting.clientSecret ? oidc.ClientSecretBasic(setting.clientSecret) : oidc.None();
        const execute = LOOPBACK.has(setting.issuer.hostname) ? [oidc.allowInsecureRequests] : [];
        return oidc.discovery(setting.issuer, setting.clientId, undefined, auth, { execute, timeout: 10 });
      };
      const provider: OidcProvider = {
        id: setting.id,
        name: setting.name,
        redirectUri: `${baseUrl}/login/oidc/${setting.id}/callback`,
        configuration() {
          discovered ??= discover().catch((error: unknown) => {
            discovered = null;
            throw error;
          });
          return discovered;
        },
      };
      return [setting.id, provider];
    }),
  );
}
