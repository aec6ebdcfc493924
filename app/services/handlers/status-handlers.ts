import type { Handlers } from "../../ipc/contract-server.ts";
import { buildDiagnostics } from "../diagnostics.ts";
import type { ServiceDeps } from "../service-deps.ts";

/** Status, the live log, and the diagnostics a user copies into a bug report. */
export function statusHandlers({
  core,
  logs,
  host,
}: ServiceDeps): Pick<Handlers, "status.get" | "logs.recent" | "diagnostics.get"> {
  return {
    "status.get": async () => {
      await core.ensureStarted();
      return core.status();
    },
    "logs.recent": async ({ limit }) => ({ lines: logs.recent(limit) }),
    "diagnostics.get": async () => ({
      text: buildDiagnostics({
        status: await core.status(),
        lines: logs.recent(200),
        versions: { node: process.versions.node, platform: process.platform, ...host.versions },
      }),
    }),
  };
}
