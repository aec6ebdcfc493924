import { type WindowView, windowViews } from "./window-view.ts";

/**
 * Whether the window opens when Pinch starts, and at which view.
 * - `PINCH_OPEN_WINDOW_AT_START=1` (or a view name, e.g. `pairing`) always opens it: UI automation
 *   on a Mac cannot click the tray, so tests need the window without one.
 * - A launch by the login item stays quietly in the menu bar.
 * - The first launch opens the setup steps; any other launch by the user opens the status view.
 */
export function windowAtStart(options: {
  env: NodeJS.ProcessEnv;
  launchedAtLogin: boolean;
  firstRunDone: boolean;
}): WindowView | undefined {
  const forced = options.env.PINCH_OPEN_WINDOW_AT_START?.trim();
  if (forced && forced !== "0" && forced.toLowerCase() !== "false") {
    return (windowViews as readonly string[]).includes(forced) ? (forced as WindowView) : "status";
  }
  if (options.launchedAtLogin) return undefined;
  return options.firstRunDone ? "status" : "setup";
}
