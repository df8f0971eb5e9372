-- Read cache invalidation (apps/api/src/onboardings/read/read-model-listener.ts,
-- docs/performance.md "Read cache"). Every change to a row the run list or run detail shows
-- announces its run on channel `dfo_read_model`, with payload `<schema> <scope> <run id>`:
--   scope `run`    — the run or its hire changed: its detail and every list page;
--   scope `detail` — a step, task or audit event of the run changed: its detail only;
--   `<schema> all` — a table was truncated: everything.
-- NOTIFY is transactional: delivered at commit, never for a rollback, and identical payloads in
-- one transaction are delivered once. Plans are immutable versions and are not watched.

CREATE FUNCTION "dfo_notify_run_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('dfo_read_model', TG_TABLE_SCHEMA || ' run ' ||
    (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
  RETURN NULL;
END $$;

-- `SET search_path FROM CURRENT`: "onboarding_run" is this migration's schema, whatever the
-- search_path of the session that changes the hire.
CREATE FUNCTION "dfo_notify_hire_changed"() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM pg_notify('dfo_read_model', TG_TABLE_SCHEMA || ' run ' || r.id::text)
    FROM "onboarding_run" r
    WHERE r.hire_id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;

CREATE FUNCTION "dfo_notify_run_detail_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  run uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.run_id ELSE NEW.run_id END;
BEGIN
  IF run IS NOT NULL THEN
    PERFORM pg_notify('dfo_read_model', TG_TABLE_SCHEMA || ' detail ' || run::text);
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.run_id IS DISTINCT FROM NEW.run_id AND OLD.run_id IS NOT NULL THEN
    PERFORM pg_notify('dfo_read_model', TG_TABLE_SCHEMA || ' detail ' || OLD.run_id::text);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "dfo_notify_read_model_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('dfo_read_model', TG_TABLE_SCHEMA || ' all');
  RETURN NULL;
END $$;

CREATE TRIGGER "onboarding_run_read_model_notify" AFTER INSERT OR UPDATE OR DELETE ON "onboarding_run"
  FOR EACH ROW EXECUTE FUNCTION "dfo_notify_run_changed"();
CREATE TRIGGER "hire_read_model_notify" AFTER UPDATE OR DELETE ON "hire"
  FOR EACH ROW EXECUTE FUNCTION "dfo_notify_hire_changed"();
CREATE TRIGGER "run_step_read_model_notify" AFTER INSERT OR UPDATE OR DELETE ON "run_step"
  FOR EACH ROW EXECUTE FUNCTION "dfo_notify_run_detail_changed"();
CREATE TRIGGER "task_read_model_notify" AFTER INSERT OR UPDATE OR DELETE ON "task"
  FOR EACH ROW EXECUTE FUNCTION "dfo_notify_run_detail_changed"();
CREATE TRIGGER "audit_event_read_model_notify" AFTER INSERT OR UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "dfo_notify_run_detail_changed"();

CREATE TRIGGER "onboarding_run_read_model_truncate" AFTER TRUNCATE ON "onboarding_run"
  FOR EACH STATEMENT EXECUTE FUNCTION "dfo_notify_read_model_truncated"();
CREATE TRIGGER "hire_read_model_truncate" AFTER TRUNCATE ON "hire"
  FOR EACH STATEMENT EXECUTE FUNCTION "dfo_notify_read_model_truncated"();
CREATE TRIGGER "run_step_read_model_truncate" AFTER TRUNCATE ON "run_step"
  FOR EACH STATEMENT EXECUTE FUNCTION "dfo_notify_read_model_truncated"();
CREATE TRIGGER "task_read_model_truncate" AFTER TRUNCATE ON "task"
  FOR EACH STATEMENT EXECUTE FUNCTION "dfo_notify_read_model_truncated"();
CREATE TRIGGER "audit_event_read_model_truncate" AFTER TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "dfo_notify_read_model_truncated"();
