/**
 * The API's OpenID Connect relying party (openid-client 6, certified). Discovery happens on first
 * use and is retried after a failure, so the API boots while the provider is down (sign-in then
 * answers 503). ID token signatures are checked too (enableNonRepudiationChecks), although they
 * arrive straight from the token endpoint: a forged or expired ID token is refused either way.
 */
import type { OidcConfig } from '../../../../config/env';
import type * as OpenIdClient from 'openid-client';

type Client = typeof OpenIdClient;
export type TokenResponse = OpenIdClient.TokenEndpointResponse &
  OpenIdClient.TokenEndpointResponseHelpers;

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class OidcClient {
  private configuration?: Promise<OpenIdClient.Configuration>;
  private lib?: Client;

  constructor(readonly config: OidcConfig) {}

  /** openid-client is ESM-only: loaded with require(esm) on first use. */
  private async library(): Promise<Client> {
    this.lib ??= await import('openid-client');
    return this.lib;
  }

  private discover(): Promise<OpenIdClient.Configuration> {
    this.configuration ??= (async () => {
      const client = await this.library();
      const issuer = new URL(this.config.issuer);
      const configuration = await client.discovery(
        issuer,
        this.config.clientId,
        this.config.clientSecret,
        client.ClientSecretPost(this.config.clientSecret),
        {
          timeout: 10,
          // Plain http only for a local provider; config/env.ts refuses it in production.
          execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        },
      );
      client.enableNonRepudiationChecks(configuration);
      return configuration;
    })();
    this.configuration.catch(() => (this.configuration = undefined));
    return this.configuration;
  }

  async newRequest(): Promise<AuthorizationRequest> {
    const client = await this.library();
    return {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<URL> {
    const [client, configuration] = [await this.library(), await this.discover()];
    return client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes,
      state: request.state,
      nonce: request.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Validates the callback (state, code, ID token: signature, iss, aud, exp, nonce). */
  async exchange(callbackUrl: URL, request: AuthorizationRequest): Promise<TokenResponse> {
    const [client, configuration] = [await this.library(), await this.discover()];
    return client.authorizationCodeGrant(configuration, callbackUrl, {
      expectedState: request.state,
      expectedNonce: request.nonce,
      pkceCodeVerifier: request.codeVerifier,
      idTokenExpected: true,
    });
  }

  /**
   * A new token set, or `refused` when the provider answered with an OAuth error (revoked or
   * expired refresh token). Network failures throw: the session survives a provider outage.
   */
  async refresh(refreshToken: string): Promise<TokenResponse | 'refused'> {
    const [client, configuration] = [await this.library(), await this.discover()];
    try {
      return await client.refreshTokenGrant(configuration, refreshToken);
    } catch (err) {
      if (err instanceof client.ResponseBodyError) return 'refused';
      throw err;
    }
  }

  /** The provider's end-session URL (RP-initiated logout), when it has one. */
  async endSessionUrl(idToken?: string): Promise<string | null> {
    const [client, configuration] = [await this.library(), await this.discover()];
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client
      .buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: this.config.postLogoutRedirectUri,
        client_id: this.config.clientId,
        ...(idToken ? { id_token_hint: idToken } : {}),
      })
      .toString();
  }

  /** Endpoints for Swagger UI's own authorization-code flow. */
  async endpoints(): Promise<{ authorizationUrl: string; tokenUrl: string }> {
    const metadata = (await this.discover()).serverMetadata();
    return {
      authorizationUrl: metadata.authorization_endpoint ?? '',
      tokenUrl: metadata.token_endpoint ?? '',
    };
  }
}
