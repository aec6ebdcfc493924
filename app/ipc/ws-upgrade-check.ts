/**
 * Who may open the WebSocket bridge, decided from the upgrade request alone. It runs inside the
 * HTTP server's `upgrade` event, where a throw is uncaught and ends the core: so it never throws,
 * and anything it cannot read is a refusal.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { BRIDGE_TOKEN_PARAM } from "./ws-frames.ts";

export type UpgradeVerdict = { ok: true } | { ok: false; status: 400 | 401 | 403; reason: string };

// The names this machine answers to on loopback, with any port. A page of another site that has
// rebound its own name to 127.0.0.1 still sends that name as Host, so it is refused here.
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;
// The pages that may use the bridge: the harness and demo page server, on loopback like the bridge.
const LOOPBACK_ORIGIN = /^https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

export function checkUpgrade(
  request: { url?: string; headers: IncomingHttpHeaders },
  token: string,
): UpgradeVerdict {
  const given = tokenOf(request.url ?? "/");
  if (given === undefined) return { ok: false, status: 400, reason: "not a request target" };
  if (!LOOPBACK_HOST.test(request.headers.host ?? "")) {
    return { ok: false, status: 403, reason: "not a loopback host" };
  }
  // Browsers send Origin on every WebSocket handshake, so a page of any other site is refused here.
  // A request without one comes from a program (the Node client of the tests, a script), which no
  // web page can drive; it is let through to the token check, which it must still pass.
  const origin = request.headers.origin;
  if (origin !== undefined && !LOOPBACK_ORIGIN.test(origin)) {
    return { ok: false, status: 403, reason: "not a loopback origin" };
  }
  const expected = Buffer.from(token);
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, status: 401, reason: "wrong token" };
  }
  return { ok: true };
}

/** The token a request target carries ("" for none), or undefined when the target is not a URL path. */
function tokenOf(target: string): string | undefined {
  try {
    return new URL(target, "http://127.0.0.1").searchParams.get(BRIDGE_TOKEN_PARAM) ?? "";
  } catch {
    return undefined;
  }
}
