import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

/**
 * Migrations are forward-only: once one has landed, installations have run it and will never run it
 * again, so changing it changes nothing for them and splits the schema in two. Each file's digest is
 * recorded here when it is added; a change to a recorded migration fails, and belongs in a new one.
 */
const LANDED: Record<string, string> = {
  '0001-core.ts': '59ade4d57b987043',
  '0002-accounts.ts': '413c8cd64bbd958a',
  '0003-orgs.ts': '7e199a124d47f5ae',
  '0004-orgs-newest-index.ts': 'ddf59a5a979138ca',
  '0005-demands.ts': 'c7dd14486c1ced8b',
  '0006-matches.ts': '3fe870071be1004e',
  '0007-notifications.ts': 'fe56d08884a01135',
  '0008-demands-active-index.ts': 'ed0b09876724af89',
  '0009-discovery.ts': '1d487b8ad2240e00',
  '0010-org-wants.ts': '82463375afbfaf10',
  '0011-subscriptions.ts': 'f1112ad27eec8f60',
  '0012-reviews.ts': '98eb152a928cc0b3',
  '0013-briefings.ts': 'd2789eead1723940',
  '0014-recognition.ts': 'c679334ebc662fcc',
  '0015-one-clock.ts': '1f48c7ebb2454991',
  '0016-unique-rules.ts': '42aabaf187fe26ff',
  '0017-briefing-sequence.ts': '5bbb5d35af6687bf',
  '0018-discovery-lists.ts': 'e4a38150dc08051c',
  '0019-verification-requested.ts': '4539f539fae9ab80',
  '0020-search-korean-words.ts': 'df363d778b64c577',
  '0021-form-drafts.ts': 'fa026258b8f8b616',
  '0022-tasks.ts': 'a93fc669998f600c',
  '0023-business-closures.ts': '78806b1139dbb75f',
  '0024-sos.ts': '840b6960e4db0e7e',
  '0025-forum.ts': '06486d01efa5eeee',
  '0026-task-proposals.ts': 'db2d84f6e4463315',
  '0027-forum-counts-news.ts': 'aead02c2dff35360',
  '0028-api-tokens.ts': '5223733c4a79d389',
  '0029-oidc-identities.ts': '0133eb52764d91ae',
  '0030-webhooks.ts': '2a02fd1cff4b4b79',
  '0031-stats-rollups.ts': '1c8e20cab3ca3e40',
  '0032-replies-by-demand.ts': '2c6ebfe1a53e359d',
  '0033-verification-queue-order.ts': '43d770ee6c4dcea8',
  '0034-users-staff.ts': 'bc8f6ee5db8b0f1b',
  '0035-session-changes.ts': 'd4b1990aa81fcb2a',
  '0036-audit-log-by-action.ts': 'b50ebc24aa66f377',
};

const dir = path.join(import.meta.dirname, '../src/db/migrations');

describe('migrations', () => {
  it('never change once landed; a new one is recorded here', () => {
    const files = readdirSync(dir).filter((file) => /^\d{4}-.*\.ts$/.test(file));
    const digests = Object.fromEntries(files.map((file) => [file, createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex').slice(0, 16)]));
    assert.deepEqual(digests, LANDED);
  });
});
