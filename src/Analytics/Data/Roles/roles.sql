-- Cluster roles of Analytics (docs/security.md, "Database roles"). Run as a superuser; idempotent.
-- analytics_app   the application and its migrations: owns its objects, nothing more (no superuser, no CREATEROLE/CREATEDB)
-- analytics_audit owns audit_log and its trigger, so the application can add to the audit trail but never change it
-- analytics_bi    read-only group for BI tools: the views in schema bi only; grant it to a login of your own
-- The password of analytics_app is set by whoever runs this (the front door keeps it in .data/pg.app.password).
DO $$
BEGIN
  -- Two sessions creating the roles at once (parallel test classes) would collide on pg_authid's unique index.
  PERFORM pg_advisory_xact_lock(hashtext('analytics roles'));
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'analytics_app') THEN
    CREATE ROLE analytics_app LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'analytics_audit') THEN
    CREATE ROLE analytics_audit NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'analytics_bi') THEN
    CREATE ROLE analytics_bi NOLOGIN;
  END IF;
  -- Whatever an operator granted by hand before, the application gets no more than this.
  ALTER ROLE analytics_app NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
  ALTER ROLE analytics_audit NOLOGIN;
  ALTER ROLE analytics_bi NOLOGIN;
END $$;
