import { describe, expect, it } from "vitest";
import { type ImsgCapabilities, LEGACY_CAPABILITIES } from "../../../../app/imsg/imsg-capabilities.ts";
import { imsgUpdateFor } from "../../../../app/setup/permissions/imsg-update.ts";

const current: ImsgCapabilities = {
  protocol: 1,
  version: "0.15.4",
  bridgeReady: false,
  methods: ["chats.list", "send"],
  features: [],
};

describe("when an imsg should be updated", () => {
  it("a protocol 1 build of 0.14.0 or later needs nothing", () => {
    expect(imsgUpdateFor(current)).toBeUndefined();
    expect(imsgUpdateFor({ ...current, version: "0.14.0" })).toBeUndefined();
  });

  it("a build from before protocol 1 is due, with the upgrade and the fresh install from the tap imsg lives in", () => {
    expect(imsgUpdateFor(LEGACY_CAPABILITIES)).toEqual({
      why: "This imsg is older than 0.14.0 (before protocol 1), so Pinch runs with less: no catch-up paging, no delivery status, no typed delivery errors",
      upgrade: "brew upgrade imsg",
      install: "brew install openclaw/tap/imsg",
    });
  });

  it("an old version printed by --version is enough, and is the one named", () => {
    expect(imsgUpdateFor(current, "0.13.0")?.why).toMatch(/^imsg 0\.13\.0 is older than 0\.14\.0, so/);
  });

  it("a development build whose version does not parse counts as current", () => {
    expect(imsgUpdateFor({ ...current, version: "main-9c1e2f7" })).toBeUndefined();
  });
});
