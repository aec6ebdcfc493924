import { describe, expect, it } from "vitest";
import {
  BRIDGE_REPLY_METHOD,
  canThreadReplies,
  type ImsgCapabilities,
  LEGACY_CAPABILITIES,
} from "../../../app/imsg/imsg-capabilities.ts";

const current: ImsgCapabilities = {
  protocol: 1,
  version: "0.15.4",
  bridgeReady: false,
  methods: ["send", "typing", "read", "messages.history"],
  features: [],
};

describe("canThreadReplies", () => {
  it("is true only while the bridge runs and lists its reply-capable send", () => {
    expect(
      canThreadReplies({ ...current, bridgeReady: true, methods: [...current.methods, BRIDGE_REPLY_METHOD] }),
    ).toBe(true);
  });

  it("is false without the bridge, even when an older snapshot listed the method", () => {
    expect(canThreadReplies({ ...current, methods: [...current.methods, BRIDGE_REPLY_METHOD] })).toBe(false);
    expect(canThreadReplies({ ...current, bridgeReady: true })).toBe(false);
    expect(canThreadReplies(LEGACY_CAPABILITIES)).toBe(false);
  });
});
