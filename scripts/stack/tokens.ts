/** Bearer tokens for a stack, signed by its local key pair (the JWKS the API reads). */
import { ensureLocalKeys, signToken } from '../local-auth';

export type SignStackToken = (sub: string, roles: string[], email?: string) => Promise<string>;

/** Creates the key pair beside `jwksPath` when missing; signs for the stack's issuer and audience. */
export async function stackTokenSigner(
  jwksPath: string,
  auth: { issuer: string; audience: string },
): Promise<SignStackToken> {
  const { privateJwk } = await ensureLocalKeys(jwksPath);
  return (sub, roles, email) =>
    signToken(privateJwk, { sub, roles, email, issuer: auth.issuer, audience: auth.audience });
}
