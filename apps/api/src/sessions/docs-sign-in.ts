/**
 * Swagger UI (/docs) signs in with the same provider as people do: the authorization-code flow
 * with PKCE for a public client (AUTH_OIDC_DOCS_CLIENT_ID), whose access token it then sends as a
 * bearer token (JwtVerifier accepts the provider's tokens). A pasted token keeps working too.
 * The endpoints come from discovery at boot; if the provider does not answer then, /docs offers
 * pasted tokens only (the API itself does not depend on the provider to start).
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '../../../../config/env';
import type { JsonLogger } from '../observability/json-logger';
import type { SessionsService } from './sessions.service';

export const DOCS_OAUTH_SCHEME = 'oidc';

export interface DocsSignIn {
  clientId: string;
  authorizationUrl: string;
  tokenUrl: string;
  scopes: string[];
  redirectUrl: string;
}

export async function docsSignIn(
  config: AppConfig,
  sessions: SessionsService,
  logger: JsonLogger,
): Promise<DocsSignIn | undefined> {
  const clientId = config.auth.oidc?.docsClientId;
  if (!clientId || !sessions.oidc) return undefined;
  try {
    const endpoints = await Promise.race([
      sessions.oidc.endpoints(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no answer within 5 s')), 5_000).unref(),
      ),
    ]);
    return {
      clientId,
      ...endpoints,
      scopes: config.auth.oidc!.scopes.split(' '),
      redirectUrl: `${config.api.publicBaseUrl}/docs/oauth2-redirect.html`,
    };
  } catch (err) {
    logger.write('warn', 'API docs: the identity provider did not answer; pasted tokens only', {
      error: (err as Error).message,
    });
    return undefined;
  }
}

/** Every operation that accepts a bearer token accepts the provider's token as an alternative. */
export function allowDocsSignIn(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const security = (operation as { security?: Record<string, string[]>[] }).security;
      if (security?.some((s) => 'bearer' in s)) security.push({ [DOCS_OAUTH_SCHEME]: [] });
    }
  }
}
