import path from "node:path";

/**
 * `~` and `~/…` → the user's home. Paths in the config keep their `~` in the
 * file (it stays portable between machines); it is expanded when the config is
 * resolved. `~other/…` is left alone: it names another user's home, which a GUI
 * app has no shell to look up.
 */
export function expandHome(filePath: string, homedir: string): string {
  if (filePath === "~") return homedir;
  if (filePath.startsWith("~/")) return path.join(homedir, filePath.slice(2));
  return filePath;
}
