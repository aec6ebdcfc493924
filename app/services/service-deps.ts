import type { CoreHost } from "./core-host.ts";
import type { HostPorts } from "./host-ports.ts";
import type { LogBuffer } from "./log-buffer.ts";
import type { WindowConfig } from "./window-config.ts";

/** What every feature's handlers are built from. */
export interface ServiceDeps {
  core: CoreHost;
  config: WindowConfig;
  logs: LogBuffer;
  host: HostPorts;
  /** Pushes the pairing overview to the window now (after a change made here). */
  pairingChanged(): Promise<void>;
}
