/**
 * PROVISIONING_SYSTEMS: which connector provisions each plan grant's `system`, with its non-secret
 * settings (docs/connectors.md). Secrets stay in their own variables, referenced by name
 * (`"passwordEnv": "LDAP_BIND_PASSWORD"`) and resolved here, at boot. Unlisted systems are manual.
 */
import { z } from 'zod';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must name an environment variable');
const identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a plain lower-case identifier');
const timeoutMs = z.number().int().min(100).max(120_000).default(10_000);

const ldap = z.object({
  connector: z.literal('ldap'),
  url: z.string().regex(/^ldaps?:\/\//, 'must be an ldap:// or ldaps:// URL'),
  bindDn: z.string().min(1),
  passwordEnv: envName,
  peopleDn: z.string().min(1),
  groupsDn: z.string().min(1),
  groups: z.array(z.string().min(1)).min(1),
  timeoutMs,
});

const postgresRole = z.object({
  connector: z.literal('postgres-role'),
  url: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^:@/]+(@|\/)/, 'must be a postgresql:// URL without a password'),
  passwordEnv: envName.optional(),
  readOnlySchemas: z.array(identifier).default([]),
  readWriteSchemas: z.array(identifier).default([]),
  /** 32 bytes, base64 or hex: seals the generated password for IT (never sent in clear). */
  credentialKeyEnv: envName,
  connectionLimit: z.number().int().min(1).max(100).default(5),
  timeoutMs,
});

const webhook = z.object({
  connector: z.literal('webhook'),
  url: z.string().url(),
  secretEnv: envName,
  attempts: z.number().int().min(1).max(10).default(3),
  timeoutMs,
});

const scim = z.object({
  connector: z.literal('scim'),
  /** Base URL of the SCIM 2.0 service provider, e.g. https://idp.internal/scim/v2 */
  url: z.string().url(),
  tokenEnv: envName,
  groups: z.array(z.string().min(1)).default([]),
  timeoutMs,
});

const manual = z.object({ connector: z.literal('manual') });

const systemSchema = z.discriminatedUnion('connector', [ldap, postgresRole, webhook, scim, manual]);
const systemsSchema = z.record(z.string().min(1), systemSchema);

export type LdapSettings = Omit<z.infer<typeof ldap>, 'passwordEnv'> & { password: string };
export type PostgresRoleSettings = Omit<
  z.infer<typeof postgresRole>,
  'passwordEnv' | 'credentialKeyEnv'
> & { password?: string; credentialKey: Buffer };
export type WebhookSettings = Omit<z.infer<typeof webhook>, 'secretEnv'> & { secret: string };
export type ScimSettings = Omit<z.infer<typeof scim>, 'tokenEnv'> & { token: string };
export type SystemSettings =
  LdapSettings | PostgresRoleSettings | WebhookSettings | ScimSettings | z.infer<typeof manual>;

export type ProvisioningConfig = Record<string, SystemSettings>;

/** Returns the settings per system, or the list of problems, each naming variable and key. */
export function parseProvisioningSystems(
  source: NodeJS.ProcessEnv,
): { ok: true; systems: ProvisioningConfig } | { ok: false; problems: string[] } {
  const raw = source.PROVISIONING_SYSTEMS;
  if (!raw) return { ok: true, systems: {} };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problems: ['PROVISIONING_SYSTEMS: must be a JSON object'] };
  }
  const parsed = systemsSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (i) => `${['PROVISIONING_SYSTEMS', ...i.path.map(String)].join('.')}: ${i.message}`,
      ),
    };
  const problems: string[] = [];
  const secret = (system: string, key: string, name: string): string => {
    const value = source[name];
    if (!value) problems.push(`PROVISIONING_SYSTEMS.${system}.${key}: ${name} is not set`);
    return value ?? '';
  };
  const systems: ProvisioningConfig = {};
  for (const [system, s] of Object.entries(parsed.data)) {
    if (s.connector === 'ldap') {
      const { passwordEnv, ...rest } = s;
      systems[system] = { ...rest, password: secret(system, 'passwordEnv', passwordEnv) };
    } else if (s.connector === 'postgres-role') {
      const { passwordEnv, credentialKeyEnv, ...rest } = s;
      const key = decodeKey(secret(system, 'credentialKeyEnv', credentialKeyEnv));
      if (!key)
        problems.push(
          `PROVISIONING_SYSTEMS.${system}.credentialKeyEnv: ${credentialKeyEnv} must hold 32 bytes (base64 or hex)`,
        );
      systems[system] = {
        ...rest,
        password: passwordEnv ? secret(system, 'passwordEnv', passwordEnv) : undefined,
        credentialKey: key ?? Buffer.alloc(0),
      };
    } else if (s.connector === 'webhook') {
      const { secretEnv, ...rest } = s;
      systems[system] = { ...rest, secret: secret(system, 'secretEnv', secretEnv) };
    } else if (s.connector === 'scim') {
      const { tokenEnv, ...rest } = s;
      systems[system] = { ...rest, token: secret(system, 'tokenEnv', tokenEnv) };
    } else systems[system] = s;
  }
  return problems.length ? { ok: false, problems } : { ok: true, systems };
}

function decodeKey(value: string): Buffer | undefined {
  if (!value) return undefined;
  const hex = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : undefined;
  const key = hex ?? Buffer.from(value, 'base64');
  return key.length === 32 ? key : undefined;
}
