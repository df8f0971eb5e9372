/** POST /v1/onboardings under an Idempotency-Key: replay, mismatch, and replay of a refusal. */
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(60_000);

let stack: Stack;
let hr: string;
const server = () => stack.app.getHttpServer();
const START = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack();
  hr = await stack.token('HR', 'hr-amina');
});
afterAll(() => stack?.stop());

const hire = (email: string, fullName = 'Enyonam Dzifa') => ({
  fullName,
  email,
  startDate: START,
  locale: 'fr',
  techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
});

const post = (body: object, key?: string, token = hr) => {
  const req = request(server()).post('/v1/onboardings').set('Authorization', `Bearer ${token}`);
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};

it('replays the first answer for the same key and body, without a second run', async () => {
  const first = await post(hire('enyonam@example.tg'), 'key-1').expect(201);
  // Same body after normalisation (email case, key order): the same request.
  const { techLead, ...rest } = hire('ENYONAM@example.tg');
  const again = await post({ techLead, ...rest }, 'key-1').expect(201);
  expect(again.body).toEqual(first.body);
  expect(again.headers.location).toBe(first.headers.location);
  expect(await stack.prisma.onboardingRun.count()).toBe(1);
  const stored = await stack.prisma.idempotencyKey.findMany();
  expect(stored).toEqual([
    expect.objectContaining({ key: 'key-1', callerSub: 'hr-amina', status: 201 }),
  ]);
});

it('answers 422 for the same key with a different body', async () => {
  await post(hire('mawuli@example.tg'), 'key-2').expect(201);
  const res = await post(hire('mawuli@example.tg', 'Mawuli Other'), 'key-2').expect(422);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: 'urn:df-onboarding:problem:unprocessable',
    code: 'IdempotencyKeyReused',
  });
});

it('replays a 409 refusal as it was, and keeps keys apart per caller', async () => {
  await post(hire('selom@example.tg')).expect(201);
  const refused = await post(hire('selom@example.tg'), 'key-3').expect(409);
  const replayed = await post(hire('selom@example.tg'), 'key-3').expect(409);
  expect(replayed.body).toEqual(refused.body);
  // key-1 of another caller is another key: it runs its own request.
  const other = await stack.token('ADMIN', 'admin-kofi');
  await post(hire('dela@example.tg'), 'key-1', other).expect(201);
});

it('refuses a malformed key with a 400 problem', async () => {
  const res = await post(hire('kekeli@example.tg'), 'bad key with spaces').expect(400);
  expect(res.body).toMatchObject({ errors: [{ name: 'Idempotency-Key' }] });
  expect(await stack.prisma.hire.count({ where: { email: 'kekeli@example.tg' } })).toBe(0);
});
