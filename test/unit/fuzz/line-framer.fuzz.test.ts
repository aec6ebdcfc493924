import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineFramer } from "../../../app/imsg/line-framer.ts";
import {
  IncomingFrameSchema,
  type Message,
  MessageNotificationParams,
  MessageSchema,
} from "../../../app/imsg/protocol.ts";
import { lineText, splitBytes } from "./fuzz-arbitraries.ts";

/** What the framer hands on for one line: a trailing "\r" dropped, empty lines skipped. */
function expectedLines(lines: string[]): string[] {
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line)).filter((line) => line !== "");
}

function frame(pieces: Buffer[], maxLineChars?: number): { lines: string[]; overflows: number } {
  const lines: string[] = [];
  let overflows = 0;
  const framer = new LineFramer({
    onLine: (line) => lines.push(line),
    onOverflow: () => overflows++,
    ...(maxLineChars === undefined ? {} : { maxLineChars }),
  });
  for (const piece of pieces) framer.push(piece);
  framer.end();
  return { lines, overflows };
}

/** The gateway's reading of one stdout line: JSON, then a JSON-RPC frame, then a message notification. */
function readLine(line: string): { kind: "garbage" | "not-rpc" | "response" | "notification" | "message" } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { kind: "garbage" };
  }
  const parsed = IncomingFrameSchema.safeParse(json);
  if (!parsed.success) return { kind: "not-rpc" };
  if (!("method" in parsed.data)) return { kind: "response" };
  if (parsed.data.method !== "message") return { kind: "notification" };
  return MessageNotificationParams.safeParse(parsed.data.params).success
    ? { kind: "message" }
    : { kind: "notification" };
}

const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe("JSON-RPC framing, fuzzed", () => {
  it("gives back every line, in order, however the bytes are cut", () => {
    fc.assert(
      fc.property(fc.array(lineText, { maxLength: 10 }), cuts, fc.boolean(), (lines, at, terminated) => {
        const text = lines.join("\n") + (terminated ? "\n" : "");
        const { lines: got, overflows } = frame(splitBytes(Buffer.from(text, "utf8"), at));
        expect(got).toEqual(expectedLines(lines));
        expect(overflows).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("drops exactly the over-long lines and keeps the others intact", () => {
    fc.assert(
      fc.property(
        fc.array(lineText, { maxLength: 10 }),
        cuts,
        fc.integer({ min: 1, max: 20 }),
        (lines, at, max) => {
          const text = `${lines.join("\n")}\n`;
          const { lines: got, overflows } = frame(splitBytes(Buffer.from(text, "utf8"), at), max);
          expect(got).toEqual(expectedLines(lines.filter((line) => line.length <= max)));
          expect(overflows).toBe(lines.filter((line) => line.length > max).length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary bytes and never emits more lines than there are newlines + 1", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), cuts, (bytes, at) => {
        const { lines } = frame(splitBytes(bytes, at), 64);
        const newlines = bytes.filter((byte) => byte === 0x0a).length;
        expect(lines.length).toBeLessThanOrEqual(newlines + 1);
        for (const line of lines) expect(line).not.toContain("\n");
      }),
      { numRuns: 300 },
    );
  });

  it("reads any line without throwing: garbage, foreign JSON and broken frames are values", () => {
    const jsonish = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify({ jsonrpc: "2.0", id: 1, result: value })),
      fc.jsonValue().map((value) => JSON.stringify({ jsonrpc: "2.0", method: "message", params: value })),
      fc
        .record({ subscription: fc.jsonValue(), message: fc.jsonValue() })
        .map((params) => JSON.stringify({ jsonrpc: "2.0", method: "message", params })),
      fc.jsonValue().map((value) => JSON.stringify({ jsonrpc: "2.0", id: null, error: value })),
    );
    fc.assert(
      fc.property(jsonish, (line) => {
        expect(() => readLine(line)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  const message: fc.Arbitrary<Message> = fc.record(
    {
      id: fc.nat(),
      chat_id: fc.nat(),
      guid: fc.string({ minLength: 1, maxLength: 40 }),
      is_from_me: fc.boolean(),
      created_at: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      text: lineText,
      sender: fc.string({ maxLength: 20 }),
      is_group: fc.boolean(),
      participants: fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
    },
    { requiredKeys: ["id", "chat_id", "guid", "is_from_me", "created_at"] },
  );

  it("a message notification survives framing and parsing unchanged, whatever its text", () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), cuts, (messages, at) => {
        const wire = messages
          .map((item, index) =>
            // imsg escapes "/" as "\/" and writes U+2028/U+2029 raw.
            JSON.stringify({
              jsonrpc: "2.0",
              method: "message",
              params: { subscription: index, message: item },
            })
              .replaceAll("/", "\\/")
              .replaceAll("\\u2028", "\u2028")
              .replaceAll("\\u2029", "\u2029"),
          )
          .join("\n");
        const { lines } = frame(splitBytes(Buffer.from(`${wire}\n`, "utf8"), at));
        expect(lines).toHaveLength(messages.length);
        lines.forEach((line, index) => {
          const incoming = IncomingFrameSchema.parse(JSON.parse(line)) as { params?: unknown };
          const parsed = MessageNotificationParams.parse(incoming.params);
          expect(parsed.subscription).toBe(index);
          expect(parsed.message).toEqual(MessageSchema.parse(messages[index]));
        });
      }),
      { numRuns: 200 },
    );
  });
});
