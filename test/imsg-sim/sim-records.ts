/**
 * What the simulator answered or did that a test wants to check afterwards,
 * kept as JSON lines next to the database: every -32602 it answered (so a
 * gateway test can assert the gateway never sent a bad key) and every
 * `typing` and `read` call (a typing indicator or read receipt went out).
 */
import { appendFileSync, readFileSync } from "node:fs";

export interface InvalidParamsRecord {
  method: string;
  detail: string;
}

export interface ActionRecord {
  method: "typing" | "read";
  /** The params exactly as the request carried them. */
  params: Record<string, unknown>;
  /** The chat guid or handle the action went to. */
  target: string;
  /** `typing` only: true to start the indicator, false to stop it. */
  typing?: boolean;
  at: string;
}

export const invalidParamsLogPath = (dbPath: string) => `${dbPath}.invalid-params.jsonl`;
export const actionsLogPath = (dbPath: string) => `${dbPath}.actions.jsonl`;

function append(path: string, record: object): void {
  try {
    appendFileSync(path, `${JSON.stringify(record)}\n`);
  } catch (error) {
    // A database directory we cannot write to loses the record, never the answer.
    process.stderr.write(`imsg-sim: cannot record to ${path}: ${String(error)}\n`);
  }
}

export function recordInvalidParams(dbPath: string, record: InvalidParamsRecord): void {
  append(invalidParamsLogPath(dbPath), record);
}

export function recordAction(dbPath: string, record: ActionRecord): void {
  append(actionsLogPath(dbPath), record);
}

export function readRecords<T>(path: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as T);
}
