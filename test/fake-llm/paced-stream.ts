/**
 * A provider that writes its answer as a real one does: a token (about four
 * characters) at a time, at a set rate, and (when a test asks) breaking off
 * part way through, as a dropped connection or a crashed server would.
 */
import type { ServerResponse } from "node:http";

/** Providers bill and stream in tokens; four characters a token is the usual rule of thumb for English. */
export const CHARS_PER_TOKEN = 4;

export interface Pacing {
  tokensPerSecond?: number;
  /** Ends the connection without finishing once this many characters of text were written. */
  cutAfterChars?: number;
}

/** When each text delta was written (this process's performance.now()) and how much text had gone out by then. */
export type DeltaTiming = { at: number; chars: number };

/** The text in token-sized pieces; code points are never split, so every piece is valid UTF-8. */
export function tokenPieces(text: string): string[] {
  const points = Array.from(text);
  const result: string[] = [];
  for (let index = 0; index < points.length; index += CHARS_PER_TOKEN)
    result.push(points.slice(index, index + CHARS_PER_TOKEN).join(""));
  return result;
}

/** Whether an SSE event carries text, in any of the three wire formats. */
function textDelta(event: string): string | undefined {
  const data = /^data: (.*)$/m.exec(event)?.[1];
  if (!data || data === "[DONE]") return undefined;
  const parsed = JSON.parse(data);
  if (parsed.type === "content_block_delta") return parsed.delta?.text;
  if (parsed.type === "response.output_text.delta") return parsed.delta;
  const content = parsed.choices?.[0]?.delta?.content;
  return typeof content === "string" && content !== "" ? content : undefined;
}

/**
 * Writes the events, each text delta at its turn of the schedule (measured
 * from the first, so timer drift does not add up); the others at once.
 * Resolves with when each delta went out.
 */
export async function writePaced(
  response: ServerResponse,
  events: readonly string[],
  pacing: Pacing,
): Promise<DeltaTiming[]> {
  const timings: DeltaTiming[] = [];
  const gapMs = pacing.tokensPerSecond ? 1000 / pacing.tokensPerSecond : 0;
  const began = performance.now();
  let chars = 0;
  let deltas = 0;
  for (const event of events) {
    if (response.destroyed) return timings;
    const text = textDelta(event);
    if (text !== undefined) {
      const due = began + deltas * gapMs - performance.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      deltas++;
    }
    response.write(event);
    if (text === undefined) continue;
    chars += text.length;
    timings.push({ at: performance.now(), chars });
    if (pacing.cutAfterChars !== undefined && chars >= pacing.cutAfterChars) {
      response.destroy();
      return timings;
    }
  }
  response.end();
  return timings;
}
