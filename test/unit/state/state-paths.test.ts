import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { accountStateDir, pairingStorePath } from "../../../app/state/state-paths.ts";

describe("state paths", () => {
  it("keeps each account in its own folder under imessage/", () => {
    expect(accountStateDir("/state", "work")).toBe(join("/state", "imessage", "work"));
    expect(pairingStorePath("/state", "default")).toBe(join("/state", "imessage", "default", "pairing.json"));
  });

  it("throws on an id that would reach outside the state directory", () => {
    for (const id of ["../../x", "..", "a/b", ""])
      expect(() => accountStateDir("/state", id), id).toThrow(/is not a valid account id/);
    expect(() => pairingStorePath("/state", "../../x")).toThrow(/is not a valid account id/);
  });
});
