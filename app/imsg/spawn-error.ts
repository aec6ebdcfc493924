import { imsgInstallCommand } from "./imsg-install.ts";

/** A child that cannot even start is a setup problem: says which path and what to do. */
export function describeSpawnError(command: string, error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return `could not start ${command}: not found; install imsg (${imsgInstallCommand}) or fix channels.imessage.cliPath`;
  }
  if (code === "EACCES") return `could not start ${command}: not executable; run chmod +x on it`;
  return `could not start ${command}: ${error.message}`;
}
