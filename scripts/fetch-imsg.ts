// Puts the pinned imsg release into build/imsg/ for `npm run dist:mac`, which ships it as
// Pinch.app/Contents/Resources/bin/imsg. Run by the release build (it needs the internet):
//   node scripts/fetch-imsg.ts
// The version and the archive's SHA-256 are pinned in scripts/imsg/imsg-pin.json; a download whose
// hash differs is refused and nothing is left behind.
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { unpackImsg } from "./imsg/unpack-imsg.ts";
import { downloadVerified } from "./imsg/verified-download.ts";

const root = path.resolve(import.meta.dirname, "..");
const PinSchema = z.object({ version: z.string().regex(/^\d+\.\d+\.\d+$/), sha256: z.string() });

export function releaseArchiveUrl(version: string): string {
  return `https://github.com/openclaw/imsg/releases/download/v${version}/imsg-macos.zip`;
}

async function main(): Promise<void> {
  const pin = PinSchema.parse(
    JSON.parse(await readFile(path.join(import.meta.dirname, "imsg", "imsg-pin.json"), "utf8")),
  );
  const buildDir = path.join(root, "build");
  await mkdir(buildDir, { recursive: true });
  const archive = path.join(buildDir, "imsg-macos.zip");
  await downloadVerified({ url: releaseArchiveUrl(pin.version), sha256: pin.sha256, dest: archive });
  try {
    const binary = await unpackImsg(archive, path.join(buildDir, "imsg"));
    console.log(`imsg ${pin.version} is ready at ${binary}`);
  } finally {
    await rm(archive, { force: true });
  }
}

if (import.meta.filename === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
