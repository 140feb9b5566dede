import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Tells every app instance, once a transaction commits, whose session state changed: the person,
 * their session, memberships or notices, or the status of an organisation they belong to (`*`: a
 * table was emptied, anyone's). Each instance keeps signed-in people's sessions in memory until then
 * (`accounts/session-cache.ts`). Triggers, not the write sites, so that no write — an operator's SQL
 * included — is missed; updates only of the columns the session lookup reads (`accounts/sessions.ts`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE FUNCTION signal_session_owner() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       -- Both owners when a row moves from one person to another; equal notices in one transaction arrive once.
       IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('session_changes', OLD.user_id::text); END IF;
       IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('session_changes', NEW.user_id::text); END IF;
       RETURN NULL;
     END
     $$;
     CREATE FUNCTION signal_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM pg_notify('session_changes', OLD.id::text);
       RETURN NULL;
     END
     $$;
     CREATE FUNCTION signal_org_members() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM pg_notify('session_changes', user_id::text) FROM org_members WHERE org_id = NEW.id;
       RETURN NULL;
     END
     $$;
     CREATE FUNCTION signal_everyone() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM pg_notify('session_changes', '*');
       RETURN NULL;
     END
     $$;
     CREATE TRIGGER users_session_changes AFTER UPDATE OF name, email, role, totp_enabled_at, deleted_at OR DELETE ON users
       FOR EACH ROW EXECUTE FUNCTION signal_session_user();
     CREATE TRIGGER sessions_session_changes AFTER UPDATE OF user_id, second_factor_pending, expires_at OR DELETE ON sessions
       FOR EACH ROW EXECUTE FUNCTION signal_session_owner();
     CREATE TRIGGER org_members_session_changes AFTER INSERT OR UPDATE OR DELETE ON org_members
       FOR EACH ROW EXECUTE FUNCTION signal_session_owner();
     CREATE TRIGGER notifications_session_changes AFTER INSERT OR UPDATE OF user_id, read_at OR DELETE ON notifications
       FOR EACH ROW EXECUTE FUNCTION signal_session_owner();
     CREATE TRIGGER orgs_session_changes AFTER UPDATE OF status ON orgs
       FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION signal_org_members();
     CREATE TRIGGER users_emptied AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION signal_everyone();
     CREATE TRIGGER sessions_emptied AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION signal_everyone();
     CREATE TRIGGER org_members_emptied AFTER TRUNCATE ON org_members FOR EACH STATEMENT EXECUTE FUNCTION signal_everyone();
     CREATE TRIGGER notifications_emptied AFTER TRUNCATE ON notifications FOR EACH STATEMENT EXECUTE FUNCTION signal_everyone();
     CREATE TRIGGER orgs_emptied AFTER TRUNCATE ON orgs FOR EACH STATEMENT EXECUTE FUNCTION signal_everyone();`,
  );
}
