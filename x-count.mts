import pg from 'pg';
import { buildApp } from './src/app/build-app.ts';
import { openDatabase } from './src/db/client.ts';
import { createVerifiedUser } from './src/modules/accounts/index.ts';
import { serverClock } from './src/shared/clock.ts';
import { Agent } from './test/agent.ts';
import { testConfig } from './test/test-app.ts';
let log: string[] | null = null;
const orig = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: any, ...args: any[]) { if (log) { const t = typeof args[0] === 'string' ? args[0] : args[0]?.text; log.push(String(t).replace(/\s+/g, ' ').slice(0, 110)); } return (orig as any).apply(this, args); } as any;
const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:5432/ieumteo_bench' });
const app = await buildApp({ config: { ...testConfig(), pageCacheSeconds: 0 }, database, clock: serverClock() });
const email = `cnt-${Date.now()}@bench.ieumteo.kr`;
const { password } = await createVerifiedUser(database.db, { email, name: '카운트' }, new Date());
const agent = new Agent(app); await agent.login(email, password);
const id = (await database.db.selectFrom('demands').select('id').where('status', '=', 'open').limit(1).executeTakeFirstOrThrow()).id;
for (const path of ['/about/accessibility', '/demands', `/demands/${id}`, '/', '/forum']) {
  await agent.get(path);
  log = []; const r = await agent.get(path); const got = log; log = null;
  console.log(`\n${path} ${r.statusCode}: ${got.length} queries`); for (const q of got) console.log('   ', q);
}
await app.close(); await database.close();
