import { describe, expect, it } from "vitest";
import { checkUpgrade } from "../../../app/ipc/ws-upgrade-check.ts";

const token = "t0ken-of-this-run";
const target = `/?token=${token}`;

function verdict(url: string, headers: Record<string, string | undefined>) {
  return checkUpgrade({ url, headers: { host: "127.0.0.1:5000", ...headers } }, token);
}

describe("who may open the WebSocket bridge", () => {
  it("a loopback page by any loopback name and port, over http or https", () => {
    for (const origin of [
      "http://127.0.0.1:5173",
      "http://localhost",
      "https://localhost:8443",
      "http://[::1]:1",
    ]) {
      expect(verdict(target, { origin }), origin).toEqual({ ok: true });
    }
  });

  it("not a page of any other origin, nor one that only looks like loopback", () => {
    for (const origin of [
      "null",
      "http://evil.example",
      "http://localhost.evil.example",
      "http://127.0.0.1.evil.example",
      "http://localhost:5173@evil.example",
      "http://127.0.0.1:5173/",
      "ws://127.0.0.1:5173",
      "http://127.0.0.1, http://evil.example",
    ]) {
      expect(verdict(target, { origin }), origin).toMatchObject({ ok: false, status: 403 });
    }
  });

  it("not under a Host name that is not loopback: a rebound name is still its own name", () => {
    for (const host of [undefined, "", "evil.example:5000", "127.0.0.2", "localhost:5000/x", "[::1"]) {
      expect(verdict(target, { host }), String(host)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it("a program without Origin only with the token", () => {
    expect(verdict(target, {})).toEqual({ ok: true });
    expect(verdict("/", {})).toMatchObject({ ok: false, status: 401 });
    expect(verdict(`/?token=${token}x`, {})).toMatchObject({ ok: false, status: 401 });
  });

  it("a target that is not a URL path is a 400, not a throw", () => {
    for (const url of ["//", "//a:b@/", "http://[", "\\\\["]) {
      expect(verdict(url, {}), url).toMatchObject({ ok: false, status: 400 });
    }
  });
});
