import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { serverClock } from '../shared/clock.ts';
import { backupDatabase } from './backup.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const config = loadConfig();
const dir = path.resolve(values.dir ?? path.join(config.dataDir, 'backups'));
let database: Awaited<ReturnType<typeof openDatabase>>;
try {
  database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
} catch (error) {
  console.error((error as Error).message);
  console.error('내장 데이터베이스는 서버가 실행 중일 때 매일 자동으로 백업됩니다(DATA_DIR/backups). 지금 백업하려면 서버를 멈춘 뒤 다시 실행하세요.');
  process.exit(1);
}
try {
  console.log(`백업을 만들었습니다 / backup written: ${await backupDatabase(database, dir, serverClock(config.clockStart)(), config.databaseUrl)}`);
} finally {
  await database.close();
}
