// Unpacks imsg's macOS release archive into the folder electron-builder copies into the app
// (electron-builder.yml, extraResources). The archive holds the `imsg` binary and the resource
// bundles it loads from its own folder, so the whole archive is kept together. It is unpacked
// into a fresh folder that replaces the old one only once `imsg` is in it.
import { accessSync, constants } from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import path from "node:path";
import { describeFailure, runProcess } from "../../app/process/run-process.ts";
import { DownloadRefused } from "./verified-download.ts";

export async function unpackImsg(archive: string, destDir: string): Promise<string> {
  const staging = await mkdtemp(path.join(path.dirname(destDir), ".imsg-unpack-"));
  try {
    // ditto keeps macOS metadata (extended attributes) that unzip drops; elsewhere unzip will do.
    const [command, args] =
      process.platform === "darwin"
        ? ["ditto", ["-x", "-k", archive, staging]]
        : ["unzip", ["-q", archive, "-d", staging]];
    const outcome = await runProcess(command, args, { timeoutMs: 120_000 });
    if (outcome.exitCode !== 0) {
      throw new DownloadRefused(`Could not unpack ${archive}: ${describeFailure(outcome)}.`);
    }
    const binary = path.join(staging, "imsg");
    try {
      accessSync(binary, constants.X_OK);
    } catch {
      throw new DownloadRefused(`${archive} has no executable imsg at its top level; is it imsg-macos.zip?`);
    }
    await rm(destDir, { recursive: true, force: true });
    await rename(staging, destDir);
    return path.join(destDir, "imsg");
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
