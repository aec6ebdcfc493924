import { Socket } from "node:net";
import { SHARING_SETTINGS_LINKS } from "../../ssh/remote-login-links.ts";

export type RemoteLoginCheck =
  | { ok: true; banner: string }
  | {
      ok: false;
      reason: "refused" | "timeout" | "not-ssh" | "unreachable";
      message: string;
      fix: string;
      links: readonly string[];
    };

/**
 * Is Remote Login (sshd) answering on the target? Connects to the port and
 * reads the SSH banner; sends nothing. Refused or silent means Remote Login
 * is off (or a firewall), which the user fixes in System Settings → Sharing.
 */
export function checkRemoteLogin(host: string, port: number, timeoutMs = 5_000): Promise<RemoteLoginCheck> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let received = "";
    const fix = `turn on Remote Login on that Mac: System Settings → General → Sharing → Remote Login (port ${port})`;
    const finish = (result: RemoteLoginCheck) => {
      socket.destroy();
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          reason: "timeout",
          message: `${host} port ${port} did not answer within ${Math.round(timeoutMs / 1000)} s`,
          fix: `${fix}, and check that the Mac is awake and reachable`,
          links: SHARING_SETTINGS_LINKS,
        }),
      timeoutMs,
    );
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const line = received.split("\n")[0] ?? "";
      if (!received.includes("\n") && received.length < 256) return;
      if (line.startsWith("SSH-")) finish({ ok: true, banner: line.trim() });
      else
        finish({
          ok: false,
          reason: "not-ssh",
          message: `${host} port ${port} answers, but not as an SSH server`,
          fix: "check the port number",
          links: [],
        });
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      const refused = error.code === "ECONNREFUSED";
      finish({
        ok: false,
        reason: refused ? "refused" : "unreachable",
        message: refused
          ? `${host} refused a connection on port ${port}: Remote Login is off`
          : `cannot reach ${host} port ${port}: ${error.message}`,
        fix: refused ? fix : `${fix}, and check the host name`,
        links: SHARING_SETTINGS_LINKS,
      });
    });
    socket.connect(port, host);
  });
}
