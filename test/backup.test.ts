import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createVerifiedUser } from '../src/modules/accounts/index.ts';
import { backupDatabase, pruneBackups } from '../src/ops/backup.ts';
import { clock } from './clock.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('backup and restore of the embedded database', () => {
  it('restores what was backed up, keeping the replaced data aside', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-backup-'));
    const database = await openDatabase({ dataDir });
    await migrateToLatest(database.db);
    await createVerifiedUser(database.db, { email: 'kept@example.kr', name: '백업 대상' }, clock());
    const archive = await backupDatabase(database, path.join(dataDir, 'backups'), clock());
    await createVerifiedUser(database.db, { email: 'after-backup@example.kr', name: '백업 이후' }, clock());
    await database.close();

    execFileSync(process.execPath, ['--import', 'tsx', 'src/ops/restore-cli.ts', archive], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });

    const restored = await openDatabase({ dataDir });
    try {
      const emails = (await restored.db.selectFrom('users').select('email').execute()).map((u) => u.email);
      assert.deepEqual(emails, ['kept@example.kr']);
    } finally {
      await restored.close();
    }
    assert.ok(readdirSync(dataDir).some((f) => f.startsWith('pgdata.before-restore-')));
  });

  it('keeps only the newest archives', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ieumteo-prune-'));
    for (const day of ['01', '02', '03', '04']) writeFileSync(path.join(dir, `ieumteo-202611${day}-030000.tar.gz`), '');
    writeFileSync(path.join(dir, 'notes.txt'), '');
    pruneBackups(dir, 2);
    assert.deepEqual(readdirSync(dir).sort(), ['ieumteo-20261103-030000.tar.gz', 'ieumteo-20261104-030000.tar.gz', 'notes.txt']);
  });
});
