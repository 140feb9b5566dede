import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Tells every app instance, once a transaction commits, whose session state changed: the person,
 * their session, memberships or notices, or the status of an organisation they belong to. Each
 * instance keeps signed-in people's sessions in memory until then (`accounts/session-cache.ts`);
 * triggers, not the write sites, so that no write — an operator's SQL included — is missed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE FUNCTION signal_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE
       changed record;
     BEGIN
       IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
       -- TG_ARGV[0]: the column naming the person. Equal notices in one transaction arrive once.
       PERFORM pg_notify('session_changes', to_jsonb(changed) ->> TG_ARGV[0]);
       RETURN NULL;
     END
     $$;
     CREATE TRIGGER users_session_changes AFTER UPDATE OR DELETE ON users
       FOR EACH ROW EXECUTE FUNCTION signal_session_change('id');
     CREATE TRIGGER sessions_session_changes AFTER UPDATE OR DELETE ON sessions
       FOR EACH ROW EXECUTE FUNCTION signal_session_change('user_id');
     CREATE TRIGGER org_members_session_changes AFTER INSERT OR UPDATE OR DELETE ON org_members
       FOR EACH ROW EXECUTE FUNCTION signal_session_change('user_id');
     CREATE TRIGGER notifications_session_changes AFTER INSERT OR UPDATE OR DELETE ON notifications
       FOR EACH ROW EXECUTE FUNCTION signal_session_change('user_id');
     CREATE FUNCTION signal_org_members() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM pg_notify('session_changes', user_id::text) FROM org_members WHERE org_id = NEW.id;
       RETURN NULL;
     END
     $$;
     CREATE TRIGGER orgs_session_changes AFTER UPDATE OF status ON orgs
       FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION signal_org_members();`,
  );
}
