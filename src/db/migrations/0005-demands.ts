import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/** Starting theme taxonomy (operator-managed afterwards). */
const THEMES: [string, string][] = [
  ['복지', 'Welfare'],
  ['안전', 'Safety'],
  ['환경', 'Environment'],
  ['디지털·데이터', 'Digital and data'],
  ['지역활성화', 'Local revitalisation'],
  ['보건·의료', 'Health'],
  ['교육', 'Education'],
  ['문화·관광', 'Culture and tourism'],
  ['일자리·경제', 'Jobs and economy'],
  ['농림·해양', 'Agriculture and fisheries'],
  ['보훈', 'Veterans'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE themes (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE,
      name_en text NOT NULL,
      sort integer NOT NULL DEFAULT 0,
      archived_at timestamptz
    );

    CREATE TABLE demands (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      org_id bigint NOT NULL REFERENCES orgs (id),
      author_id bigint REFERENCES users (id) ON DELETE SET NULL,
      title text NOT NULL,
      summary text NOT NULL,
      body text NOT NULL DEFAULT '',
      purpose text NOT NULL CHECK (purpose IN ('find-partner', 'pilot', 'expand', 'spread')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'negotiating', 'concluded', 'closed', 'withdrawn')),
      target_sectors text[] NOT NULL DEFAULT '{}',
      target_regions text[] NOT NULL DEFAULT '{}',
      partners_sought integer NOT NULL DEFAULT 1,
      deadline date NOT NULL,
      contact_name text NOT NULL,
      contact_email text,
      contact_phone text,
      reply_count integer NOT NULL DEFAULT 0,
      revision integer NOT NULL DEFAULT 1,
      published_at timestamptz,
      closed_at timestamptz,
      reminded_at timestamptz,
      hidden_at timestamptz,
      hidden_reason text,
      search_vector tsvector NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX demands_search ON demands USING gin (search_vector);
    CREATE INDEX demands_newest ON demands (published_at DESC, id DESC) WHERE published_at IS NOT NULL AND hidden_at IS NULL;
    CREATE INDEX demands_deadline ON demands (deadline, id) WHERE published_at IS NOT NULL AND hidden_at IS NULL;
    CREATE INDEX demands_replies ON demands (reply_count DESC, id DESC) WHERE published_at IS NOT NULL AND hidden_at IS NULL;
    CREATE INDEX demands_org ON demands (org_id, created_at DESC);
    CREATE INDEX demands_due ON demands (deadline) WHERE status = 'open';

    CREATE TABLE demand_themes (
      demand_id bigint NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
      theme_id bigint NOT NULL REFERENCES themes (id),
      PRIMARY KEY (demand_id, theme_id)
    );
    CREATE INDEX demand_themes_theme ON demand_themes (theme_id, demand_id);

    CREATE TABLE demand_items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      demand_id bigint NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('offer', 'need')),
      capability_id bigint NOT NULL REFERENCES capabilities (id),
      description text NOT NULL,
      sort integer NOT NULL
    );
    CREATE INDEX demand_items_demand ON demand_items (demand_id, kind, sort);
    CREATE INDEX demand_items_capability ON demand_items (capability_id, kind);

    CREATE TABLE demand_revisions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      demand_id bigint NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
      revision integer NOT NULL,
      editor_id bigint REFERENCES users (id) ON DELETE SET NULL,
      snapshot jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (demand_id, revision)
    );

    CREATE TABLE demand_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      demand_id bigint NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
      kind text NOT NULL,
      actor_id bigint REFERENCES users (id) ON DELETE SET NULL,
      org_id bigint REFERENCES orgs (id) ON DELETE SET NULL,
      data jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL
    );
    CREATE INDEX demand_events_demand ON demand_events (demand_id, at);
    CREATE INDEX demand_events_kind ON demand_events (kind, at);

    CREATE TABLE attachments (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      owner_type text NOT NULL CHECK (owner_type IN ('demand', 'message')),
      owner_id bigint NOT NULL,
      filename text NOT NULL,
      mime text NOT NULL,
      size_bytes integer NOT NULL,
      storage_key text NOT NULL UNIQUE,
      sha256 text NOT NULL,
      uploaded_by bigint REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX attachments_owner ON attachments (owner_type, owner_id);
  `,
  );
  const typed = db as Kysely<{ themes: { name: string; name_en: string; sort: number } }>;
  await typed
    .insertInto('themes')
    .values(THEMES.map(([name, name_en], sort) => ({ name, name_en, sort })))
    .execute();
}
