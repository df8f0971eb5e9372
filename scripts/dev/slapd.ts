/**
 * A throwaway OpenLDAP slapd for the LDAP connector tests: temp config and mdb database, seeded
 * with slapadd, listening on a free loopback port, stopped (and its directory removed) by `stop`.
 * Needs Debian's `slapd` (scripts/test-all.sh installs it when running as root). Used by the LDAP
 * tests and the drills.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';

export const slapdAvailable = (): boolean => existsSync(SLAPD) && existsSync(SLAPADD);

export interface Slapd {
  url: string;
  suffix: string;
  adminDn: string;
  adminPassword: string;
  peopleDn: string;
  groupsDn: string;
  stop(): Promise<void>;
}

/** Groups are groupOfNames: `member` is mandatory, so each keeps the admin as a placeholder. */
export async function startSlapd(groups: string[]): Promise<Slapd> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfo-slapd-'));
  mkdirSync(path.join(dir, 'db'));
  const suffix = 'dc=df,dc=test';
  const adminDn = `cn=admin,${suffix}`;
  const adminPassword = 'slapd-test-admin';
  const conf = path.join(dir, 'slapd.conf');
  writeFileSync(
    conf,
    [
      ...['core', 'cosine', 'inetorgperson', 'nis'].map(
        (s) => `include /etc/ldap/schema/${s}.schema`,
      ),
      `pidfile ${dir}/slapd.pid`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      'database mdb',
      'maxsize 104857600',
      `suffix "${suffix}"`,
      `rootdn "${adminDn}"`,
      `rootpw ${adminPassword}`,
      `directory ${dir}/db`,
      '',
    ].join('\n'),
  );
  const entries = [
    `dn: ${suffix}\nobjectClass: dcObject\nobjectClass: organization\ndc: df\no: Digital Factory`,
    `dn: ou=people,${suffix}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${suffix}\nobjectClass: organizationalUnit\nou: groups`,
    ...groups.map(
      (g) =>
        `dn: cn=${g},ou=groups,${suffix}\nobjectClass: groupOfNames\ncn: ${g}\nmember: ${adminDn}`,
    ),
  ];
  const seed = spawnSync(SLAPADD, ['-f', conf, '-q'], { input: `${entries.join('\n\n')}\n` });
  if (seed.status !== 0) throw new Error(`slapadd failed: ${seed.stderr.toString()}`);

  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  // `-d 0`: stays in the foreground (a child we can kill), logs nothing.
  const child = spawn(SLAPD, ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: 'ignore' });
  await waitForPort(port, () => child.exitCode);
  return {
    url,
    suffix,
    adminDn,
    adminPassword,
    peopleDn: `ou=people,${suffix}`,
    groupsDn: `ou=groups,${suffix}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, exitCode: () => number | null): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (exitCode() !== null) throw new Error(`slapd exited with ${exitCode()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`slapd did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
