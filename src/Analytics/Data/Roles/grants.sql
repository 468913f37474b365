-- Ownership and grants in one Analytics database (docs/security.md, "Database roles"). Run as a superuser connected to
-- that database, after roles.sql, before and after every migration and after a restore; idempotent.
DO $$
DECLARE
  r record;
BEGIN
  -- The database stays the superuser's: its owner could drop it, audit trail and all. The application may create
  -- schemas (Hangfire's, bi) and tables in public; public itself stays pg_database_owner's, so the application
  -- cannot drop a table it does not own (audit_log).
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO analytics_app', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO analytics_bi', current_database());
  GRANT USAGE, CREATE ON SCHEMA public TO analytics_app;

  -- Installs before v2 (and restores run as a superuser) made everything as postgres: hand it to the application.
  FOR r IN SELECT n.nspname FROM pg_namespace n JOIN pg_roles o ON o.oid = n.nspowner
           WHERE o.rolsuper AND n.nspname NOT IN ('public', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO analytics_app', r.nspname);
  END LOOP;
  FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles o ON o.oid = c.relowner
           WHERE o.rolsuper AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
             AND n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\_%'
             -- sequences of serial and identity columns follow their table
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                             AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE format('ALTER %s %I.%I OWNER TO analytics_app',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                     WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.nspname, r.relname);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles o ON o.oid = p.proowner
           WHERE o.rolsuper AND n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\_%'
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO analytics_app', r.fn);
  END LOOP;

  -- The audit trail: the application may add and read rows, never change, delete, truncate or drop them, nor drop
  -- the trigger or rewrite its function (both belong to analytics_audit, of which the application is no member).
  IF to_regclass('public.audit_log') IS NOT NULL THEN
    ALTER TABLE public.audit_log OWNER TO analytics_audit;
    REVOKE ALL ON public.audit_log FROM analytics_app;
    GRANT SELECT, INSERT ON public.audit_log TO analytics_app;
    -- pg_dump (the backup job runs as the application) reads the id sequence's position.
    FOR r IN SELECT s.oid::regclass AS seq FROM pg_class s JOIN pg_depend d ON d.objid = s.oid
             WHERE s.relkind = 'S' AND d.refobjid = 'public.audit_log'::regclass AND d.deptype IN ('a', 'i')
    LOOP
      EXECUTE format('GRANT SELECT ON SEQUENCE %s TO analytics_app', r.seq);
    END LOOP;
  END IF;
  IF to_regprocedure('public.audit_log_append_only()') IS NOT NULL THEN
    ALTER FUNCTION public.audit_log_append_only() OWNER TO analytics_audit;
  END IF;
  -- Retention's one exception (decision 023): rows older than a year, deleted only through this function, which runs
  -- with its owner's rights because the application has no DELETE on the table; only the application may call it.
  IF to_regprocedure('public.audit_log_prune(timestamptz)') IS NOT NULL THEN
    ALTER FUNCTION public.audit_log_prune(timestamptz) OWNER TO analytics_audit;
    ALTER FUNCTION public.audit_log_prune(timestamptz) SECURITY DEFINER SET search_path = public, pg_temp;
    REVOKE ALL ON FUNCTION public.audit_log_prune(timestamptz) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION public.audit_log_prune(timestamptz) TO analytics_app;
  END IF;

  -- BI: the views of schema bi (made by a migration, owned by the application), nothing else.
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'bi') THEN
    GRANT USAGE ON SCHEMA bi TO analytics_bi;
    GRANT SELECT ON ALL TABLES IN SCHEMA bi TO analytics_bi;
    ALTER DEFAULT PRIVILEGES FOR ROLE analytics_app IN SCHEMA bi GRANT SELECT ON TABLES TO analytics_bi;
  END IF;
END $$;
