-- Before migrating (as a superuser, after grants.sql): migrations run as the application, and one that changes the
-- audit trail (a column, the trigger, the prune function) needs to own it for that moment. grants.sql, run right after
-- the migration, gives it back to analytics_audit; between the two only the migration runs.
DO $$
BEGIN
  IF to_regclass('public.audit_log') IS NOT NULL THEN
    ALTER TABLE public.audit_log OWNER TO analytics_app;
  END IF;
  IF to_regprocedure('public.audit_log_append_only()') IS NOT NULL THEN
    ALTER FUNCTION public.audit_log_append_only() OWNER TO analytics_app;
  END IF;
  IF to_regprocedure('public.audit_log_prune(timestamptz)') IS NOT NULL THEN
    ALTER FUNCTION public.audit_log_prune(timestamptz) OWNER TO analytics_app;
  END IF;
END $$;
