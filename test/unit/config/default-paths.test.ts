import { describe, expect, it } from "vitest";
import { defaultConfigPath, defaultStateDir } from "../../../app/config/default-paths.ts";

const HOME = "/home/someone";

describe("default paths", () => {
  it("keep the config under Application Support on macOS", () => {
    expect(defaultConfigPath({}, "darwin", "/Users/someone")).toBe(
      "/Users/someone/Library/Application Support/Pinch/pinch.json5",
    );
  });

  it("keep the state directory under Application Support on macOS", () => {
    expect(defaultStateDir({}, "darwin", "/Users/someone")).toBe(
      "/Users/someone/Library/Application Support/Pinch/state",
    );
  });

  it("use XDG_CONFIG_HOME and XDG_STATE_HOME elsewhere", () => {
    const env = { XDG_CONFIG_HOME: "/xdg/config", XDG_STATE_HOME: "/xdg/state" };
    expect(defaultConfigPath(env, "linux", HOME)).toBe("/xdg/config/pinch/pinch.json5");
    expect(defaultStateDir(env, "linux", HOME)).toBe("/xdg/state/pinch");
  });

  it("fall back to ~/.config and ~/.local/state without XDG variables", () => {
    expect(defaultConfigPath({}, "linux", HOME)).toBe(`${HOME}/.config/pinch/pinch.json5`);
    expect(defaultStateDir({}, "linux", HOME)).toBe(`${HOME}/.local/state/pinch`);
  });

  it("ignore a relative XDG directory, as the XDG spec requires", () => {
    expect(defaultConfigPath({ XDG_CONFIG_HOME: "config" }, "linux", HOME)).toBe(
      `${HOME}/.config/pinch/pinch.json5`,
    );
  });

  it("let PINCH_CONFIG and PINCH_STATE_DIR override on every platform, with ~ expanded", () => {
    const env = { PINCH_CONFIG: "~/pinch/config.json5", PINCH_STATE_DIR: "/srv/pinch-state" };
    expect(defaultConfigPath(env, "darwin", HOME)).toBe(`${HOME}/pinch/config.json5`);
    expect(defaultStateDir(env, "linux", HOME)).toBe("/srv/pinch-state");
  });

  it("ignore an empty override", () => {
    expect(defaultConfigPath({ PINCH_CONFIG: "" }, "linux", HOME)).toBe(`${HOME}/.config/pinch/pinch.json5`);
  });
});
