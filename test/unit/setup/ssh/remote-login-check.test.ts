import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { checkRemoteLogin } from "../../../../app/setup/ssh/remote-login-check.ts";
import { SHARING_SETTINGS_LINKS } from "../../../../app/ssh/remote-login-links.ts";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function listen(onConnection: (socket: Socket) => void): Promise<number> {
  server = createServer(onConnection);
  return new Promise((resolve) =>
    server?.listen(0, "127.0.0.1", () => {
      const address = server?.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    }),
  );
}

describe("the Remote Login check", () => {
  it("passes when the port greets with an SSH banner", async () => {
    const port = await listen((socket) => socket.end("SSH-2.0-OpenSSH_9.9\r\n"));
    expect(await checkRemoteLogin("127.0.0.1", port)).toEqual({ ok: true, banner: "SSH-2.0-OpenSSH_9.9" });
  });

  it("says when something else answers on that port", async () => {
    const port = await listen((socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    expect(await checkRemoteLogin("127.0.0.1", port)).toMatchObject({ ok: false, reason: "not-ssh" });
  });

  it("points at System Settings → Sharing when the port is silent", async () => {
    const port = await listen(() => undefined);
    const result = await checkRemoteLogin("127.0.0.1", port, 300);
    expect(result).toMatchObject({ ok: false, reason: "timeout", links: SHARING_SETTINGS_LINKS });
  });
});
