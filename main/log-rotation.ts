// Rotation of the log file: when main.log passes its size limit it becomes main.1.log, the older
// ones move up one number, and the oldest beyond `keep` is deleted. electron-log calls this as its
// archive function; no Electron import, so it is tested on plain files.
import { renameSync, rmSync } from "node:fs";
import path from "node:path";

export function rotateLogFile(file: string, keep: number): void {
  const { dir, name, ext } = path.parse(file);
  const numbered = (index: number) => path.join(dir, `${name}.${index}${ext}`);
  rmSync(numbered(keep), { force: true });
  for (let index = keep - 1; index >= 1; index--) {
    try {
      renameSync(numbered(index), numbered(index + 1));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  renameSync(file, numbered(1));
}
