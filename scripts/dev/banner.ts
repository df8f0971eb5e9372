/** The "where to look" banner printed once everything answers. Pure, unit-tested. */

export interface BannerInfo {
  root: string;
  apiPort: number;
  temporal: { address: string; uiUrl?: string };
  mail?: { mailboxUrl: string; emlGlob: string; smtp: string };
  database: { url: string; description: string };
  logsGlob: string;
  /** Browser sign-in: the provider's issuer; `embedded` lists the demo people on its page. */
  signIn?: { issuer: string; embedded: boolean };
  /** The Node.js that runs the API and the worker, e.g. `v26.12.1`. */
  node: string;
}

/** Starts in three days: the welcome email (due five days before the start) goes out at once. */
export const EXAMPLE_HIRE = {
  fullName: 'Kodjo Mensah',
  email: 'kodjo.mensah@example.tg',
  startDate: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
  locale: 'fr',
  techLead: { sub: 'tl-akossiwa', email: 'akossiwa.lawson@example.tg', name: 'Akossiwa Lawson' },
};

export function exampleCommands(apiUrl: string): string[] {
  return [
    'TOKEN=$(npm run -s token -- HR hr-demo)',
    `curl -sS -X POST ${apiUrl}/v1/onboardings \\`,
    `  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
    `  -d '${JSON.stringify(EXAMPLE_HIRE)}'`,
  ];
}

export function buildBanner(b: BannerInfo): string {
  const api = `http://localhost:${b.apiPort}`;
  const row = (label: string, value: string) => `   ${label.padEnd(16)}${value}`;
  const rule = '='.repeat(78);
  const lines = [
    rule,
    ' df-onboarding is up. Ctrl-C stops everything (state is kept in .data/).',
    '',
    row('Console', `${api}/console/   (sign in as a demo person: HR, tech lead, hire, IT)`),
    row('API', api),
    ...(b.signIn
      ? [
          row('Sign in', `${api}/auth/login   (then ${api}/auth/me says who you are)`),
          row(
            'Identity',
            b.signIn.embedded
              ? `${b.signIn.issuer}   (embedded provider: pick a demo person, e.g. the HR officer)`
              : `${b.signIn.issuer}   (AUTH_OIDC_ISSUER)`,
          ),
        ]
      : []),
    row('API docs', `${api}/docs`),
    row('OpenAPI', `${api}/openapi.json`),
    row('Readiness', `${api}/health/ready`),
    row(
      'Temporal UI',
      b.temporal.uiUrl
        ? `${b.temporal.uiUrl}   (frontend ${b.temporal.address})`
        : `(external server ${b.temporal.address})`,
    ),
    row(
      'Mailbox',
      b.mail
        ? `${b.mail.mailboxUrl}   (files ${b.mail.emlGlob}, SMTP ${b.mail.smtp})`
        : '(external SMTP server: SMTP_URL/SMTP_HOST)',
    ),
    ...(b.mail
      ? [row('Email previews', `${b.mail.mailboxUrl}/previews   (every template, FR and EN)`)]
      : []),
    row('Database', `${b.database.url}   (${b.database.description})`),
    row('Logs', b.logsGlob),
    row('Runtime', `Node.js ${b.node} (API, worker and tests)`),
    '',
    ` Try it, in another terminal (cd ${b.root}):`,
    ...exampleCommands(api).map((l) => `   ${l}`),
    ` then see the welcome email${b.mail ? ` at ${b.mail.mailboxUrl}` : ''} and the workflow onboarding-<id>${
      b.temporal.uiUrl ? ` at ${b.temporal.uiUrl}` : ''
    }.`,
    rule,
  ];
  return lines.join('\n');
}
