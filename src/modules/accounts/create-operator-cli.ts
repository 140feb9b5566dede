import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { serverClock } from '../../shared/clock.ts';
import { createVerifiedUser } from './users.service.ts';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
if (!values.email || !values.name) {
  console.error('Usage: npm run create-operator -- --email admin@example.go.kr --name "운영자 이름" [--password …]');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(database.db);
  const { password } = await createVerifiedUser(
    database.db,
    { email: values.email, name: values.name, password: values.password, role: 'operator' },
    serverClock(config.clockStart)(),
  );
  console.log(`운영자 계정을 만들었습니다 / operator created: ${values.email}`);
  if (!values.password) console.log(`비밀번호 / password: ${password}`);
} finally {
  await database.close();
}
