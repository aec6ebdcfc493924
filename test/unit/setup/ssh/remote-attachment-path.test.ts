import { describe, expect, it } from "vitest";
import { checkRemoteAttachmentPath } from "../../../../app/channel/remote-attachments.ts";

const ROOTS = ["/Users/*/Library/Messages/Attachments", "/Volumes/Shared/Attachments"];

describe("remote attachment paths, checked before any transfer", () => {
  it.each([
    "/Users/bot/Library/Messages/Attachments/ab/01/IMG_0001.HEIC",
    "/Users/bot/Library/Messages/Attachments/ab/01/GUID/Screenshot 2026-01-01 at 10.00.00.png",
    "/Volumes/Shared/Attachments/Bob's file.pdf",
  ])("accepts %j", (remotePath) => {
    expect(checkRemoteAttachmentPath(remotePath, ROOTS)).toEqual({ ok: true });
  });

  it.each([
    ["../../etc/passwd", "not an absolute path"],
    ["~/Library/Messages/Attachments/a.jpg", "not an absolute path"],
    ["/etc/passwd", "outside remoteAttachmentRoots"],
    ["/Users/bot/Library/Messages/Attachments", "outside remoteAttachmentRoots"],
    ["/Users/bot/Library/Messages/Attachments/../../../../etc/passwd", "not normalised"],
    ["/Users/bot/Library/Messages//Attachments/a.jpg", "not normalised"],
    ["/Users/bot/Library/Messages/Attachments/*", "wildcard"],
    ["/Users/bot/Library/Messages/Attachments/a\u0000b", "control"],
    ["/Users/a/b/Library/Messages/Attachments/x.jpg", "outside remoteAttachmentRoots"],
  ])("refuses %j (%s)", (remotePath, reason) => {
    const result = checkRemoteAttachmentPath(remotePath, ROOTS);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining(reason) });
  });
});
