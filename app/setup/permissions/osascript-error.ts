/**
 * osascript reports an AppleScript failure on stderr as
 * `0:45: execution error: Not authorized to send Apple events to Messages. (-1743)` and exits 1.
 * The number in parentheses at the end is the Apple Event error code the checks map.
 */
export interface OsascriptError {
  code: number | undefined;
  message: string;
}

export function parseOsascriptError(stderr: string): OsascriptError {
  const text = stderr.trim();
  const match = /execution error: ([\s\S]*?)\s*\((-?\d+)\)\s*$/.exec(text);
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { code: Number(match[2]), message: match[1] };
  }
  const bare = /\((-\d+)\)\s*$/.exec(text);
  return { code: bare?.[1] ? Number(bare[1]) : undefined, message: text };
}

/** Apple Event error codes that the Messages checks meet. */
export const appleEventErrors = {
  /** errAEEventNotPermitted: the user (or a policy) denied Automation. */
  notPermitted: -1743,
  /** errAEEventWouldRequireUserConsent: consent is needed but no prompt could be shown. */
  wouldRequireConsent: -1744,
  /** errAETimeout: nobody answered the Automation prompt in time. */
  timeout: -1712,
  /** procNotFound: the target application is not running and could not be launched. */
  notRunning: -600,
} as const;
