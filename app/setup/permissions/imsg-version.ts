/**
 * The oldest imsg Pinch supports: 0.8.2 is the first that answers every RPC request with a
 * readable error (the Full Disk Access banner, the -1743 text) instead of printing prose on stdout.
 */
export const minimumImsgVersion = "0.8.2";

export type Version = [number, number, number];

/** Reads `0.9.0`, `imsg 0.9.0`, `imsg version 0.9.0 (abc123)` or `v0.9`. */
export function parseVersion(text: string): Version | undefined {
  const match = /(?:^|[^\d.])v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(` ${text.trim()}`);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  for (let index = 0; index < 3; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

export function formatVersion(version: Version): string {
  return version.join(".");
}
