import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { serverClock } from '../shared/clock.ts';
import { seedDemoIfEmpty } from './demo-seed.ts';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(database.db);
  const result = await seedDemoIfEmpty(database.db, config, serverClock(config.clockStart));
  if (!result) console.log('데이터베이스가 비어 있지 않아 데모 데이터를 넣지 않았습니다 (database not empty; nothing done).');
  else for (const a of result.accounts) console.log(`${a.label}: ${a.email} / ${a.password}`);
} finally {
  await database.close();
}
