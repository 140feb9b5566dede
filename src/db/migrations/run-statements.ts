import { type Kysely, sql } from 'kysely';

/**
 * Runs a block of DDL one statement at a time: PGlite's extended-protocol queries accept a single
 * statement, so a block is split at each `;` that ends a line — except inside a function body
 * quoted with `$$`, whose own statements end lines too.
 */
export async function runStatements(db: Kysely<unknown>, block: string): Promise<void> {
  for (const statement of statementsOf(block)) await sql.raw(statement).execute(db);
}

function statementsOf(block: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inBody = false;
  for (const line of block.split('\n')) {
    if ((line.split('$$').length - 1) % 2 === 1) inBody = !inBody;
    const ends = !inBody && /;\s*$/.test(line);
    current.push(ends ? line.replace(/;\s*$/, '') : line);
    if (ends) {
      statements.push(current.join('\n'));
      current = [];
    }
  }
  statements.push(current.join('\n'));
  return statements.filter((statement) => statement.trim());
}
