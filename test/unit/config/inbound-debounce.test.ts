import { describe, expect, it } from "vitest";
import { inboundDebounceMs } from "../../../app/config/inbound-debounce.ts";

describe("the inbound debounce window", () => {
  it("is off unless configured", () => {
    expect(inboundDebounceMs({})).toBe(0);
  });

  it("takes messages.inbound.debounceMs, and the iMessage entry of byChannel over it", () => {
    expect(inboundDebounceMs({ messages: { inbound: { debounceMs: 1500 } } })).toBe(1500);
    expect(
      inboundDebounceMs({
        messages: { inbound: { debounceMs: 1500, byChannel: { imessage: 0, slack: 900 } } },
      }),
    ).toBe(0);
    expect(inboundDebounceMs({ messages: { inbound: { byChannel: { whatsapp: 5000 } } } })).toBe(0);
  });
});
