import { existsSync } from "node:fs";
import { describeConfigError } from "../../config/config-errors.ts";
import { createConfigFile } from "../../config/config-file.ts";
import { parseConfigValueText } from "../../config/config-value-text.ts";
import type { ConfigEdit } from "../../config/edit-config-tree.ts";
import type { Handlers } from "../../ipc/contract-server.ts";
import { ServiceFailure } from "../../ipc/service-failure.ts";
import type { ConfigView } from "../../ipc/view-schemas.ts";
import { configDefaults } from "../config-defaults.ts";
import type { ServiceDeps } from "../service-deps.ts";

type ConfigChannels = "config.get" | "config.set" | "config.unset" | "config.patch" | "config.openFile";

/** The config file as the Settings and Allowlists screens see and change it. */
export function configHandlers({ config, host }: ServiceDeps): Pick<Handlers, ConfigChannels> {
  return {
    "config.get": () => configView(config.path, config.load(), config.resolving.defaultRegion),
    // Values are typed as sent; only a field that sends what the user typed (`asText`) is parsed.
    "config.set": ({ keyPath, value, asText }) =>
      config.editOne({
        kind: "set",
        keyPath,
        value: asText && typeof value === "string" ? parseConfigValueText(value) : value,
      }),
    "config.unset": ({ keyPath }) => config.editOne({ kind: "unset", keyPath }),
    "config.patch": ({ edits }) =>
      config.edit(
        edits.map(
          (edit): ConfigEdit =>
            edit.value === undefined
              ? { kind: "unset", keyPath: edit.keyPath }
              : { kind: "set", keyPath: edit.keyPath, value: edit.value },
        ),
        edits[0]?.keyPath,
      ),
    "config.openFile": async () => {
      if (!existsSync(config.path)) {
        const created = await createConfigFile(config.path);
        if (!created.ok)
          throw new ServiceFailure("internal", created.errors.map(describeConfigError).join("; "));
      }
      await host.openPath(config.path);
      return { path: config.path };
    },
  };
}

/** The file as written, with its errors or warnings, and the defaults of the keys it leaves unset. */
export async function configView(
  path: string,
  read: ReturnType<ServiceDeps["config"]["load"]>,
  defaultRegion?: string,
): Promise<ConfigView> {
  const loaded = await read;
  const view = { path, defaults: configDefaults(loaded.ok ? loaded.config : undefined, defaultRegion) };
  return loaded.ok
    ? { ...view, raw: loaded.raw, errors: [], warnings: loaded.warnings.map(issue) }
    : { ...view, raw: {}, errors: loaded.errors.map(issue), warnings: [] };
}

function issue(error: { path: string; message: string }) {
  return { path: error.path, message: error.message };
}
