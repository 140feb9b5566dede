import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { sealDatabaseFolder } from '../src/db/pglite-folder.ts';
import { copyDemoTemplate, DEMO_PARTIAL, DEMO_STAMP, DEMO_TEMPLATE_FRESH_MS } from '../src/seed/demo-template.ts';

const MADE_AT = new Date('2026-03-03T01:00:00Z');
const BASE_URL = 'http://localhost:3000';

/** A demo template as `make-demo-template.ts` leaves it: a sealed database folder, an attachment and the stamp. */
function template(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ieumteo-demo-template-'));
  mkdirSync(path.join(dir, 'pgdata', 'base'), { recursive: true });
  writeFileSync(path.join(dir, 'pgdata', 'PG_VERSION'), '17\n');
  writeFileSync(path.join(dir, 'pgdata', 'base', 'table'), 'rows');
  mkdirSync(path.join(dir, 'files', 'ab'), { recursive: true });
  writeFileSync(path.join(dir, 'files', 'ab', 'key'), 'attachment');
  sealDatabaseFolder(path.join(dir, 'pgdata'));
  writeFileSync(path.join(dir, DEMO_STAMP), JSON.stringify({ madeAt: MADE_AT.toISOString(), baseUrl: BASE_URL }));
  return dir;
}

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'ieumteo-demo-copy-'));
const later = (ms: number) => new Date(MADE_AT.getTime() + ms);

describe('the demo made ahead by npm ci', () => {
  it('is copied into a new data folder within a day, database and attachments, nothing half-made left', () => {
    const source = template();
    const config = { dataDir: dataDir(), clockStart: undefined };
    // What a killed start left: the child's side folder, a pgdata that never became a database.
    mkdirSync(path.join(config.dataDir, DEMO_PARTIAL));
    mkdirSync(path.join(config.dataDir, 'pgdata'));
    writeFileSync(path.join(config.dataDir, 'pgdata', 'keep.txt'), 'mine');
    assert.deepEqual(copyDemoTemplate(config, later(DEMO_TEMPLATE_FRESH_MS), source), { copied: true, madeFor: BASE_URL });
    assert.equal(readFileSync(path.join(config.dataDir, 'pgdata', 'base', 'table'), 'utf8'), 'rows');
    assert.equal(readFileSync(path.join(config.dataDir, 'files', 'ab', 'key'), 'utf8'), 'attachment');
    const aside = readdirSync(config.dataDir).find((name) => name.startsWith('pgdata.not-a-database-'));
    assert.ok(aside, 'a folder that was no database is kept aside, never deleted');
    assert.equal(readFileSync(path.join(config.dataDir, aside, 'keep.txt'), 'utf8'), 'mine');
    assert.deepEqual(
      readdirSync(config.dataDir)
        .filter((name) => name !== aside)
        .sort(),
      ['files', 'pgdata'],
      'no stamp, no partial folder, the lock released',
    );
    assert.deepEqual(readdirSync(path.join(config.dataDir, 'pgdata')).sort(), ['PG_VERSION', 'base'], 'the seal stays with the template');
    writeFileSync(path.join(config.dataDir, 'pgdata', 'base', 'table'), 'changed');
    assert.deepEqual(copyDemoTemplate(config, later(60_000), source), { copied: true, madeFor: BASE_URL }, 'there already');
    assert.equal(readFileSync(path.join(config.dataDir, 'pgdata', 'base', 'table'), 'utf8'), 'changed', 'never copied over a database');
  });

  it('is copied when this clock runs a few minutes behind the one that made it', () => {
    assert.equal(copyDemoTemplate({ dataDir: dataDir(), clockStart: undefined }, later(-4 * 60_000), template()).copied, true);
  });

  it('is not copied, saying why, when its dates no longer fit, on a set clock, or when there is none', () => {
    const source = template();
    const config = { dataDir: dataDir(), clockStart: undefined };
    const why = (copy: ReturnType<typeof copyDemoTemplate>) => (copy.copied ? 'copied' : copy.why);
    assert.match(why(copyDemoTemplate(config, later(DEMO_TEMPLATE_FRESH_MS + 1), source)), /more than a day old/);
    assert.match(why(copyDemoTemplate(config, later(-6 * 60_000), source)), /dated after this clock/);
    assert.match(why(copyDemoTemplate({ ...config, clockStart: later(1) }, later(1), source)), /CLOCK_START/);
    assert.match(why(copyDemoTemplate(config, later(1), path.join(source, 'missing'))), /no demo was made ahead/);
    // Damaged since it was made: a copy of it would fail every start of the data folder.
    const cut = template();
    writeFileSync(path.join(cut, 'pgdata', 'base', 'table'), 'row');
    assert.match(why(copyDemoTemplate(config, later(1), cut)), /damaged/, 'a file cut short');
    const gone = template();
    rmSync(path.join(gone, 'pgdata', 'base', 'table'));
    assert.match(why(copyDemoTemplate(config, later(1), gone)), /damaged/, 'a file removed');
    writeFileSync(path.join(source, DEMO_STAMP), '{"madeAt":');
    assert.match(why(copyDemoTemplate(config, later(1), source)), /no demo was made ahead/, 'a damaged stamp');
    assert.deepEqual(readdirSync(config.dataDir), [], 'nothing written');
    assert.ok(!existsSync(path.join(config.dataDir, 'ieumteo.lock')));
  });

  // Node's native copy reports a full disk as EIO, and the half copy had stayed until the next start.
  it('meets a full disk saying so, leaving no half copy behind', () => {
    const source = template();
    writeFileSync(path.join(source, 'pgdata', 'base', 'large'), Buffer.alloc(512 * 1024));
    sealDatabaseFolder(path.join(source, 'pgdata'));
    const config = { dataDir: dataDir(), clockStart: undefined };
    const script = `import { copyDemoTemplate } from ${JSON.stringify(path.resolve('src/seed/demo-template.ts'))};
      try { copyDemoTemplate(${JSON.stringify(config)}, new Date(${later(1).getTime()}), ${JSON.stringify(source)}); } catch (error) { console.log(error.message); }`;
    // A file may grow to 100 KB in this process (ulimit -f): as a disk that fills up.
    const said = execFileSync('sh', ['-c', 'ulimit -f 100 && exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script], { encoding: 'utf8' });
    assert.match(said, /디스크가 가득 찼거나 고장 났습니다 \(E(IO|FBIG)\)/);
    assert.deepEqual(readdirSync(config.dataDir).filter((name) => name !== 'files' && name !== 'ieumteo.lock'), [], 'no half database');
  });

  it('is not copied into a folder another live process holds', () => {
    const config = { dataDir: dataDir(), clockStart: undefined };
    writeFileSync(path.join(config.dataDir, 'ieumteo.lock'), String(process.ppid));
    assert.throws(() => copyDemoTemplate(config, later(1), template()), DataDirLockedError);
    assert.ok(!existsSync(path.join(config.dataDir, 'pgdata')));
  });
});
