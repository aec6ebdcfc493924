// What a hostile or broken client may put on the WebSocket bridge's port: upgrade requests with bad
// targets, tokens and headers, then frames with any opcode, length, mask and payload, the whole
// byte stream possibly cut short. Built for one running bridge (its token and port).
import fc from "fast-check";
import { encodeFrame, type RawFrame, upgradeRequest } from "../ipc/raw-ws.ts";

const MiB = 1024 * 1024;
// One real payload over the bridge's 1 MiB limit, shared: allocating it per run would be the cost.
const oversize = Buffer.alloc(MiB + 7, 0x20);

/** Bytes that are not UTF-8: a stray continuation, an overlong slash, a surrogate, a cut sequence. */
const invalidUtf8 = fc.constantFrom(
  Buffer.from([0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf0, 0x9f, 0x98]),
  Buffer.from([0xff, 0xfe]),
);

const payload = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 3,
    arbitrary: fc
      .record({
        id: fc.integer({ min: -2, max: 1e6 }),
        channel: fc.constantFrom("status.get", "no.such", ""),
      })
      .map((frame) => Buffer.from(JSON.stringify({ ...frame, args: {} }))),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map((text) => Buffer.from(text)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), invalidUtf8)
      .map(([text, bad]) => Buffer.concat([Buffer.from(text), bad])),
  },
  { weight: 1, arbitrary: fc.constant(oversize) },
);

/** Usually the truth; sometimes a claim over the limit, up to the largest a header can carry. */
const declaredLength = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 200n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: BigInt(MiB + 1), max: 2n ** 63n - 1n }) },
);

const frame: fc.Arbitrary<RawFrame> = fc.record({
  fin: fc.boolean(),
  rsv: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 7 })),
  opcode: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(0, 1, 2, 8, 9, 10) },
    fc.integer({ min: 0, max: 15 }),
  ),
  masked: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, fc.constant(false)),
  payload,
  declaredLength,
});

/** A path of random bytes, escaped, and not always well: `%a` followed by a letter is no escape. */
const oddPath = fc
  .uint8Array({ maxLength: 16 })
  .map((bytes) =>
    [...bytes]
      .map((byte) =>
        byte > 0x20 && byte < 0x7f && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16)}`,
      )
      .join(""),
  );

function upgrade(token: string, port: number): fc.Arbitrary<string> {
  const target = fc.oneof(
    { weight: 10, arbitrary: fc.constant(`/?token=${encodeURIComponent(token)}`) },
    fc.constantFrom("//", "//a:b@/", "http://[", "\\\\", "*", "/%zz?token=%", `/?token=${token}x`, "/"),
    oddPath.map((path) => `/${path}?token=${encodeURIComponent(token)}`),
  );
  const host = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(`127.0.0.1:${port}`, "localhost", `[::1]:${port}`) },
    fc.constantFrom(undefined, "", "evil.example", "127.0.0.1:99999999", "[::1", "localhost.evil"),
  );
  const origin = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(undefined, "http://127.0.0.1:5173", "http://localhost") },
    fc.constantFrom("null", "http://evil.example", "file://", "http://[::1"),
  );
  const sometimes = (value: string, odd: fc.Arbitrary<string | undefined>) =>
    fc.oneof({ weight: 12, arbitrary: fc.constant(value) }, odd);
  const extra = fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,12}$/), fc.string({ maxLength: 20 })), {
    maxLength: 3,
  });
  return fc
    .record({
      target,
      Host: host,
      Origin: origin,
      Upgrade: sometimes("websocket", fc.constantFrom(undefined, "h2c", "")),
      "Sec-WebSocket-Key": sometimes("dGhlIHNhbXBsZSBub25jZQ==", fc.constantFrom(undefined, "short", "")),
      "Sec-WebSocket-Version": sometimes("13", fc.constantFrom(undefined, "8", "x")),
      "Sec-WebSocket-Extensions": fc.constantFrom(undefined, "permessage-deflate", "bogus; x=1"),
      extra,
    })
    .map(({ target, extra, ...headers }) =>
      upgradeRequest(target, {
        ...headers,
        ...Object.fromEntries(extra.map(([name, value]) => [`X-${name}`, value])),
      }),
    );
}

/** One connection's worth of bytes: a handshake, frames after it, and maybe a cut in either. */
export function bridgeSession(token: string, port: number): fc.Arbitrary<Buffer> {
  return fc
    .record({
      request: upgrade(token, port),
      frames: fc.array(frame, { maxLength: 4 }),
      cut: fc.option(fc.record({ inHandshake: fc.boolean(), at: fc.nat() }), { freq: 5 }),
    })
    .map(({ request, frames, cut }) => {
      const head = Buffer.from(request, "latin1");
      const whole = Buffer.concat([head, ...frames.map(encodeFrame)]);
      const end =
        cut === null
          ? whole.length
          : cut.inHandshake
            ? cut.at % (head.length + 1)
            : head.length + (cut.at % (whole.length - head.length + 1));
      const bytes = whole.subarray(0, end);
      // A failing run is printed as text a reader can follow, not as a list of numbers.
      return Object.assign(bytes, { [fc.toStringMethod]: () => readable(bytes) });
    });
}

function readable(bytes: Buffer): string {
  const text = JSON.stringify(bytes.subarray(0, 2_000).toString("latin1"));
  return bytes.length > 2_000 ? `${text} … (${bytes.length} bytes in all)` : text;
}
