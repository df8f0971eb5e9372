/**
 * postgres-role: one login role per hire on a target PostgreSQL, least privilege: read-only on
 * `readOnlySchemas`, read/write on `readWriteSchemas`, nothing else. The password is generated here,
 * sent to the server only as a SCRAM verifier (never in clear in a statement or log) and sealed for
 * IT. Revoke ends the role's sessions, drops what it owns or was granted, then the role.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { DatabaseError, escapeIdentifier as id, escapeLiteral, Pool, type PoolClient } from 'pg';
import type { PostgresRoleSettings } from '../../config/provisioning';
import { provisioningRejected, type Connector } from '../provisioning.activities';
import { generatePassword, sealCredential } from '../../domain/sealed-credential';
import { classified, withTimeout } from './support';

export interface ClosableConnector extends Connector {
  close(): Promise<void>;
}

export function createPostgresRoleConnector(s: PostgresRoleSettings): ClosableConnector {
  const pool = new Pool({
    connectionString: s.url,
    password: s.password,
    max: s.connectionLimit,
    connectionTimeoutMillis: s.timeoutMs,
    statement_timeout: s.timeoutMs,
    query_timeout: s.timeoutMs,
  });
  pool.on('error', () => undefined); // an idle client dropped by the server: the next call reconnects

  async function inTransaction<T>(
    role: string,
    what: string,
    work: (c: PoolClient) => Promise<T>,
  ): Promise<T> {
    const run = async () => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        // Serialises grant/revoke/verify for one role: two racing retries create one role.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dfo-role:${role}`]);
        const result = await work(c);
        await c.query('COMMIT');
        return result;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    };
    try {
      return await withTimeout(run(), s.timeoutMs * 2, `postgres-role ${what}`);
    } catch (err) {
      throw classify(err, `postgres-role ${what}`);
    }
  }

  const exists = async (c: PoolClient, role: string) =>
    (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1;

  return {
    async grant(req) {
      const role = req.hire.username;
      const password = generatePassword();
      await inTransaction(role, 'grant', async (c) => {
        const verb = (await exists(c, role)) ? 'ALTER' : 'CREATE';
        await c.query(
          `${verb} ROLE ${id(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION ` +
            `CONNECTION LIMIT 5 PASSWORD ${escapeLiteral(scramVerifier(password))}`,
        );
        for (const schema of [...s.readOnlySchemas, ...s.readWriteSchemas]) {
          await c.query(`GRANT USAGE ON SCHEMA ${id(schema)} TO ${id(role)}`);
          await c.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${id(schema)} TO ${id(role)}`);
          await c.query(
            `ALTER DEFAULT PRIVILEGES IN SCHEMA ${id(schema)} GRANT SELECT ON TABLES TO ${id(role)}`,
          );
        }
        for (const schema of s.readWriteSchemas) {
          await c.query(
            `GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${id(schema)} TO ${id(role)}`,
          );
          await c.query(
            `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${id(schema)} TO ${id(role)}`,
          );
          await c.query(
            `ALTER DEFAULT PRIVILEGES IN SCHEMA ${id(schema)} GRANT INSERT, UPDATE, DELETE ON TABLES TO ${id(role)}`,
          );
        }
      });
      return {
        mode: 'AUTOMATIC',
        externalRef: `postgres-role:${role}`,
        sealedCredential: sealCredential({ username: role, password }, s.credentialKey),
        credential: { username: role, password },
      };
    },

    async revoke(req) {
      const role = req.hire.username;
      await inTransaction(role, 'revoke', async (c) => {
        if (!(await exists(c, role))) return; // absent: already revoked
        await c.query(`ALTER ROLE ${id(role)} NOLOGIN`);
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [
          role,
        ]);
        await c.query(`REASSIGN OWNED BY ${id(role)} TO CURRENT_USER`);
        await c.query(`DROP OWNED BY ${id(role)}`);
        await c.query(`DROP ROLE ${id(role)}`);
      });
    },

    async verify(req) {
      const role = req.hire.username;
      return inTransaction(role, 'verify', async (c) => {
        const found = await c.query<{ rolcanlogin: boolean }>(
          'SELECT rolcanlogin FROM pg_roles WHERE rolname = $1',
          [role],
        );
        if (found.rowCount !== 1) return { present: false };
        const schemas: Record<string, { usage: boolean; write: boolean }> = {};
        for (const schema of [...s.readOnlySchemas, ...s.readWriteSchemas]) {
          const r = await c.query<{ usage: boolean; write: boolean }>(
            `SELECT has_schema_privilege($1, $2, 'USAGE') AS usage,
                    EXISTS (SELECT 1 FROM information_schema.role_table_grants
                            WHERE grantee = $1 AND table_schema = $2 AND privilege_type = 'INSERT') AS write`,
            [role, schema],
          );
          schemas[schema] = r.rows[0];
        }
        return { present: found.rows[0].rolcanlogin, details: { role, schemas } };
      });
    },

    close: () => pool.end(),
  };
}

/** Permanent: bad configuration or refused by the server (privileges, unknown schema, login). */
function classify(err: unknown, what: string) {
  if (err instanceof DatabaseError && err.code && /^(42|3F|28|2B)/.test(err.code))
    return provisioningRejected(`${what}: ${err.message} (${err.code})`);
  return classified(err, what);
}

/** PostgreSQL's SCRAM-SHA-256 verifier (RFC 5802/7677), accepted as-is by CREATE/ALTER ROLE. */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest('base64');
  const serverKey = createHmac('sha256', salted).update('Server Key').digest('base64');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey}:${serverKey}`;
}
