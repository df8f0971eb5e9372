import type { FastifyRequest } from 'fastify';
import { InvalidTokenError, type JwtVerifier } from '../auth/jwt-verifier';
import { callerKey, isMutation } from './rate-limit';

const verifier = {
  verify: (token: string) =>
    token === 'good'
      ? Promise.resolve({ sub: 'hr-amina', roles: ['HR'] })
      : Promise.reject(new InvalidTokenError('The token is invalid')),
} as unknown as JwtVerifier;

const req = (authorization?: string) =>
  ({ ip: '203.0.113.7', headers: { authorization } }) as unknown as FastifyRequest;

describe('rate-limit keys', () => {
  it('keys a verified caller by subject', async () => {
    expect(await callerKey(req('Bearer good'), verifier)).toBe('sub:hr-amina');
  });

  it('keys anonymous callers and invalid tokens by address', async () => {
    expect(await callerKey(req(), verifier)).toBe('ip:203.0.113.7');
    expect(await callerKey(req('Bearer forged'), verifier)).toBe('ip:203.0.113.7');
    expect(await callerKey(req('Basic dXNlcjpwYXNz'), verifier)).toBe('ip:203.0.113.7');
  });

  it('limits mutations only', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].every(isMutation)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some(isMutation)).toBe(false);
  });
});
