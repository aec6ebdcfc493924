import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isUnderRoots, resolveLocalAttachments } from "../../../app/channel/attachment-policy.ts";

function fixture() {
  const base = mkdtempSync(join(tmpdir(), "pinch-attach-"));
  const root = join(base, "Attachments");
  const outside = join(base, "private");
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(join(root, "photo.jpg"), Buffer.alloc(1024));
  writeFileSync(join(root, "big.mov"), Buffer.alloc(2 * 1024 * 1024));
  writeFileSync(join(outside, "secret.txt"), "secret");
  symlinkSync(join(outside, "secret.txt"), join(root, "sneaky.txt"));
  return { root, outside };
}

describe("inbound attachment policy", () => {
  it("passes a file under an allowed root with its size and type", async () => {
    const { root } = fixture();
    const [file] = await resolveLocalAttachments(
      [{ original_path: join(root, "photo.jpg"), mime_type: "image/jpeg" }],
      {
        roots: [root],
        mediaMaxMb: 16,
      },
    );
    expect(file).toMatchObject({ mimeType: "image/jpeg", bytes: 1024 });
    expect(file?.skipped).toBeUndefined();
  });

  it("refuses a symlink that leads outside the allowed roots", async () => {
    const { root } = fixture();
    const [file] = await resolveLocalAttachments([{ original_path: join(root, "sneaky.txt") }], {
      roots: [root],
      mediaMaxMb: 16,
    });
    expect(file?.skipped).toBe("outside the allowed attachment folders");
  });

  it("skips a file over mediaMaxMb with a note", async () => {
    const { root } = fixture();
    const [file] = await resolveLocalAttachments([{ original_path: join(root, "big.mov") }], {
      roots: [root],
      mediaMaxMb: 1,
    });
    expect(file?.skipped).toBe("larger than mediaMaxMb (1 MB)");
  });

  it("notes a file that is missing", async () => {
    const { root } = fixture();
    const [file] = await resolveLocalAttachments([{ original_path: join(root, "gone.jpg") }], {
      roots: [root],
      mediaMaxMb: 16,
    });
    expect(file?.skipped).toMatch(/missing/);
  });

  it("matches a wildcard segment, and never a path that climbs out", () => {
    const roots = ["/Users/*/Library/Messages/Attachments"];
    expect(isUnderRoots("/Users/ann/Library/Messages/Attachments/ab/00/IMG.heic", roots)).toBe(true);
    expect(isUnderRoots("/Users/ann/Library/Messages/Attachments/../../../../etc/passwd", roots)).toBe(false);
    expect(isUnderRoots("/Users/ann/Documents/x.pdf", roots)).toBe(false);
  });
});
