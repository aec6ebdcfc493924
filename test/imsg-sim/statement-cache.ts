/** Prepared statements, one per SQL text per connection: the simulator runs the same few queries all day. */
import type { DatabaseSync, StatementSync } from "node:sqlite";

const statementCache = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/** Prepares each SQL text once per connection. */
export function statement(db: DatabaseSync, sql: string): StatementSync {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
