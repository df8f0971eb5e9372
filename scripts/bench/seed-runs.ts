/** Seeds N onboarding runs (with hires, steps, open tasks and audit events) in one SQL round trip each. */
import { Client } from 'pg';

export async function seedRuns(databaseUrl: string, count: number, planId: string): Promise<void> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    await pg.query('BEGIN');
    await pg.query(
      `INSERT INTO hire (id, full_name, email, locale)
       SELECT gen_random_uuid(), 'Bench Hire ' || i, 'bench' || i || '@example.tg', CASE WHEN i % 3 = 0 THEN 'en' ELSE 'fr' END
       FROM generate_series(1, $1) AS i`,
      [count],
    );
    await pg.query(
      `INSERT INTO onboarding_run (id, hire_id, workflow_id, status, phase, start_date, time_zone, created_by,
                                   created_at, updated_at, plan_id, tech_lead_sub, tech_lead_email, tech_lead_name)
       SELECT gen_random_uuid(), h.id, 'onboarding-' || h.id,
              (ARRAY['RUNNING','RUNNING','RUNNING','PAUSED','COMPLETED','CANCELLED'])[1 + (n % 6)]::"RunStatus",
              (ARRAY['PRE_BOARDING','ACCESS','SECURITY','CODEBASE_TOURS','FIRST_30_DAYS'])[1 + (n % 5)],
              DATE '2027-01-04' + (n % 120)::int, 'Africa/Lome', 'bench',
              now() - (n || ' minutes')::interval, now(), $1, 'tl-' || (n % 50), 'tl' || (n % 50) || '@example.tg', 'Tech Lead ' || (n % 50)
       FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM hire) h`,
      [planId],
    );
    await pg.query(
      `INSERT INTO run_step (id, run_id, step_id, kind, phase, status, due_at, updated_at)
       SELECT gen_random_uuid(), r.id, 'step-' || s, 'TASK', 'ACCESS', CASE WHEN s < 10 THEN 'DONE' ELSE 'PENDING' END,
              now() + (s || ' days')::interval, now()
       FROM onboarding_run r CROSS JOIN generate_series(1, 29) AS s`,
    );
    await pg.query(
      `INSERT INTO task (id, run_id, task_key, step_id, kind, assignee_role, status, due_at)
       SELECT gen_random_uuid(), r.id, 'step-' || s || ':task', 'step-' || s, 'GENERIC', 'HIRE', 'OPEN',
              now() + ((s - 2) || ' days')::interval
       FROM onboarding_run r CROSS JOIN generate_series(1, 3) AS s`,
    );
    await pg.query(
      `INSERT INTO audit_event (run_id, actor, action, entity_type, entity_id, after)
       SELECT r.id, 'bench', 'run.progress', 'onboarding_run', r.id::text, '{"status":"RUNNING"}'::jsonb
       FROM onboarding_run r CROSS JOIN generate_series(1, 5) AS s`,
    );
    await pg.query('COMMIT');
    await pg.query('ANALYZE');
  } catch (err) {
    await pg.query('ROLLBACK');
    throw err;
  } finally {
    await pg.end();
  }
}
