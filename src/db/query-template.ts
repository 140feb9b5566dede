import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Where an argument goes among a compiled query's parameters; other parameters are constants of the query. */
type Slot = { arg: number } | { constant: unknown };

/** What an argument is while the template is built: found again among the compiled parameters. */
class StandIn {
  constructor(readonly arg: number) {}
}

/**
 * A read that Kysely builds and compiles once per database, with stand-ins for its arguments, and that
 * afterwards is only bound to the arguments and run: building and compiling took ~0.1 ms of CPU for
 * the session lookup, 12 % of a signed-in page that reads nothing else, paid again on every request.
 *
 * `build` must give every argument to the query as a value (`where(col, '=', x)`, `${x}` in `sql`),
 * and the query's shape must not depend on the values: no branch on an argument, no `in` list of an
 * array (its length makes the SQL), no default or rest parameter (their number is `build.length`).
 * An argument that never reaches the parameters is refused the first time the template is built. In a transaction (`trx` is a new `Kysely` each time) the query is
 * built afresh, as any other.
 *
 * Returns a function running the query with `args`; it resolves to the rows.
 */
export function queryTemplate<A extends unknown[], R>(build: (db: Kysely<DB>, ...args: A) => Compilable<R>): (db: Kysely<DB>, ...args: A) => Promise<R[]> {
  const templates = new WeakMap<Kysely<DB>, { sql: string; slots: Slot[] }>();
  const templateOf = (db: Kysely<DB>) => {
    let template = templates.get(db);
    if (!template) {
      const standIns = Array.from({ length: build.length - 1 }, (_, i) => new StandIn(i)) as unknown as A;
      const compiled = build(db, ...standIns).compile();
      const slots = compiled.parameters.map((p): Slot => (p instanceof StandIn ? { arg: p.arg } : { constant: p }));
      const missing = (standIns as unknown as StandIn[]).find((s) => !slots.some((slot) => 'arg' in slot && slot.arg === s.arg));
      if (missing) throw new Error(`queryTemplate: argument ${missing.arg + 1} does not reach the query as a value`);
      template = { sql: compiled.sql, slots };
      templates.set(db, template);
    }
    return template;
  };
  return async (db, ...args) => {
    const { sql, slots } = templateOf(db);
    const parameters = slots.map((slot) => ('arg' in slot ? args[slot.arg] : slot.constant));
    return (await db.executeQuery<R>(CompiledQuery.raw(sql, parameters))).rows;
  };
}
