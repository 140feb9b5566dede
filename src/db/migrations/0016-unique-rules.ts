import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Rules of uniqueness the services checked by reading first become constraints, so two requests at
 * once cannot both pass the check:
 * - an organisation's name, compared as `orgNameKey` does (NFKC, lower case, no white space); names
 *   that already collide keep their rows and get a key of their own (`#id`) for an operator to merge;
 * - a create form is carried out once per person and form key (`form_submissions`), so a double click
 *   or a resent request lands on what the first one made.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `ALTER TABLE orgs ADD COLUMN name_key text;
     UPDATE orgs SET name_key = lower(regexp_replace(normalize(name, NFKC), '\\s', '', 'g'));
     UPDATE orgs o SET name_key = o.name_key || '#' || o.id
       WHERE EXISTS (SELECT 1 FROM orgs p WHERE p.name_key = o.name_key AND p.id < o.id);
     ALTER TABLE orgs ALTER COLUMN name_key SET NOT NULL;
     CREATE UNIQUE INDEX orgs_name_key ON orgs (name_key);

     CREATE TABLE form_submissions (
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       form_key text NOT NULL,
       result_id bigint,
       created_at timestamptz NOT NULL,
       PRIMARY KEY (user_id, form_key)
     );
     CREATE INDEX form_submissions_created ON form_submissions (created_at);`,
  );
}
