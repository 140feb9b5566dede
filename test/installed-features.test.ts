import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildProposal } from '../src/modules/forum/test/builders.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/** An installer runs the citizen forum on its own (`MODULES=forum`): accounts, organisations, the forum, statistics and open data. */
describe('an installation of the forum alone', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ modules: new Set(['forum']) });
  });
  after(() => t.close());

  it('reads MODULES, refusing a name that does not exist', () => {
    const env = { DATA_DIR: t.config.dataDir, SESSION_SECRET: 'x'.repeat(32) };
    assert.deepEqual([...loadConfig({ ...env, MODULES: 'forum, sos' }).modules], ['forum', 'sos']);
    assert.equal(loadConfig(env).modules.size, 4, 'everything when unset');
    assert.throws(() => loadConfig({ ...env, MODULES: 'forum,petitions' }), /petitions/);
  });

  it('opens on the forum and offers nothing of the rest', async () => {
    const operator = await buildUser(t.db, { role: 'operator' });
    const { id } = await buildProposal(t.db, { operator });
    const visitor = t.agent();
    const home = await visitor.get('/');
    assert.deepEqual([home.statusCode, home.headers.location], [303, '/forum']);
    const forum = await visitor.get('/forum');
    assert.equal(forum.statusCode, 200);
    assert.doesNotMatch(forum.body, /href="\/(demands|tasks|sos|cases|briefings)"/, 'the menu offers only what is installed');
    assert.match(forum.body, /href="\/forum"/);
    for (const path of ['/demands', '/tasks', '/sos', '/briefings', '/open-data/demands.csv', '/open-data/tasks.json']) assert.equal((await visitor.get(path)).statusCode, 404, path);
    assert.equal((await visitor.get(`/forum/${id}`)).statusCode, 200);
    const stats = await visitor.get('/stats');
    assert.match(stats.body, /id="forum-h"/);
    assert.doesNotMatch(stats.body, /id="(summary|tasks|sos)-h"/);
    const data = await visitor.get('/open-data');
    assert.match(data.body, /proposals\.csv/);
    assert.doesNotMatch(data.body, /demands\.csv|sos\.csv/);
    assert.equal((await visitor.get('/open-data/proposals.csv')).statusCode, 200);
    const desk = t.agent();
    await desk.login(operator.email, operator.password);
    const admin = await desk.get('/admin');
    assert.match(admin.body, /href="\/admin\/forum"/);
    assert.doesNotMatch(admin.body, /href="\/admin\/(tasks|sos|briefings|recognition|themes)"/);
  });
});
