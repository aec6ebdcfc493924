/** One finding of `pinch doctor`. */
export interface Check {
  name: string;
  ok: boolean;
  /** A risk worth fixing that does not stop Pinch from working. */
  warning?: boolean;
  detail: string;
  /** What the check learnt beyond pass or fail, one `name: value` each, printed under it. */
  facts?: string[];
  fix?: string;
}

/** `✓ name: detail`, `! …` for a warning, `✗ …` for a failure; then its facts and its fix, indented. */
export function formatCheck(check: Check): string {
  const mark = check.ok ? "✓" : check.warning ? "!" : "✗";
  const lines = [`${mark} ${check.name}: ${check.detail}`, ...(check.facts ?? []).map((fact) => `  ${fact}`)];
  if (check.fix) lines.push(`  fix: ${check.fix}`);
  return `${lines.join("\n")}\n`;
}
