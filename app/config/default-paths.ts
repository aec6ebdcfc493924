/**
 * Where the config file and the state directory live when nothing says
 * otherwise. Pure functions of (environment, platform, home) so every
 * platform's answer can be tested on any machine.
 *
 * macOS keeps both under Application Support (what a menu-bar app's users
 * and backup tools expect); elsewhere the XDG base directories apply.
 * `PINCH_CONFIG` and `PINCH_STATE_DIR` override either.
 */
import path from "node:path";
import { expandHome } from "./expand-home.ts";

export type PathEnvironment = Readonly<Record<string, string | undefined>>;

export const CONFIG_FILE_NAME = "pinch.json5";

export function defaultConfigPath(env: PathEnvironment, platform: NodeJS.Platform, homedir: string): string {
  const override = nonEmpty(env.PINCH_CONFIG);
  if (override !== undefined) return path.resolve(expandHome(override, homedir));
  if (platform === "darwin") return path.join(macAppSupportDir(homedir), CONFIG_FILE_NAME);
  return path.join(xdgDir(env.XDG_CONFIG_HOME, homedir, ".config"), "pinch", CONFIG_FILE_NAME);
}

export function defaultStateDir(env: PathEnvironment, platform: NodeJS.Platform, homedir: string): string {
  const override = nonEmpty(env.PINCH_STATE_DIR);
  if (override !== undefined) return path.resolve(expandHome(override, homedir));
  if (platform === "darwin") return path.join(macAppSupportDir(homedir), "state");
  return path.join(xdgDir(env.XDG_STATE_HOME, homedir, path.join(".local", "state")), "pinch");
}

function macAppSupportDir(homedir: string): string {
  return path.join(homedir, "Library", "Application Support", "Pinch");
}

/** The XDG spec says a relative value is invalid and must be ignored. */
function xdgDir(value: string | undefined, homedir: string, fallback: string): string {
  const dir = nonEmpty(value);
  return dir !== undefined && path.isAbsolute(dir) ? dir : path.join(homedir, fallback);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
