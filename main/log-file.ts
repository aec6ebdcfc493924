import os from "node:os";
import path from "node:path";
import { app } from "electron";
import log from "electron-log/main";
import type { LogSink } from "../app/log/logger.ts";
import { redactLogLine } from "../app/log/redact-log-line.ts";
import { rotateLogFile } from "./log-rotation.ts";

export interface LogFile {
  /** Where the gateway's JSON lines go; each is redacted before it is written. */
  sink: LogSink;
  dir: string;
  file: string;
}

/** 5 MB per file, four files: about a week of a busy gateway at the info level. */
const maxLogBytes = 5 * 1024 * 1024;
const keptArchives = 3;

/**
 * The log file in ~/Library/Logs/Pinch/main.log (where Console.app looks), rotated by size. Every
 * line, including electron-log's own reports of uncaught errors, passes the redaction hook, which
 * reads the verbose switch at write time so a change applies at once.
 */
export function setupLogFile(options: { verbose: () => boolean }): LogFile {
  const dir = path.join(os.homedir(), "Library", "Logs", "Pinch");
  const file = path.join(dir, "main.log");
  app.setAppLogsPath(dir);
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = maxLogBytes;
  log.transports.file.archiveLogFn = (oldFile) => rotateLogFile(oldFile.path, keptArchives);
  // Gateway lines carry their own time and level; other lines get a timestamp.
  log.transports.file.format = "{text}";
  log.transports.console.level = app.isPackaged ? false : "info";
  log.hooks.push((message) => ({
    ...message,
    data: message.data.map((item: unknown) =>
      typeof item === "string" ? redactLogLine(item, { verbose: options.verbose() }) : item,
    ),
  }));
  log.errorHandler.startCatching({ showDialog: false });
  return {
    dir,
    file,
    sink: {
      write(line: string) {
        log.info(line.replace(/\n$/, ""));
      },
    },
  };
}
