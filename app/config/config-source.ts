import { type ConfigLoadResult, loadConfigFile } from "./config-file.ts";
import { type ConfigWatcher, watchConfigFile } from "./watch-config.ts";

export type ValidConfig = Extract<ConfigLoadResult, { ok: true }>;
type Listener = (result: ConfigLoadResult) => void;

/**
 * The config file as the running core sees it: read once, then followed by
 * one watcher. It keeps the latest read (valid or not, for the window to show
 * its errors) and the last valid one (what the gateway runs), and tells its
 * listeners of each change of content. Writers in this process hand their
 * result in with `accept`, so a change applies at once rather than when the
 * watcher notices it, and is announced once.
 */
export class ConfigSource {
  readonly path: string;
  private latest: ConfigLoadResult;
  private valid: ValidConfig | null;
  private readonly listeners = new Set<Listener>();
  private watcher: ConfigWatcher | null = null;

  private constructor(path: string, first: ConfigLoadResult) {
    this.path = path;
    this.latest = first;
    this.valid = first.ok ? first : null;
  }

  static async open(
    path: string,
    options: { onWatchError?: (error: Error) => void } = {},
  ): Promise<ConfigSource> {
    const source = new ConfigSource(path, await loadConfigFile(path));
    source.watcher = watchConfigFile(path, (result) => source.take(result), {
      ...(options.onWatchError ? { onError: options.onWatchError } : {}),
    });
    return source;
  }

  /** The latest read of the file: its errors when it is invalid now. */
  current(): ConfigLoadResult {
    return this.latest;
  }

  /** The last valid config, which keeps running while the file has errors. */
  lastValid(): ValidConfig | null {
    return this.valid;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A write of this process landed: take its result now (the watcher's later read of it is not news). */
  accept(result: ValidConfig): void {
    this.take(result);
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
    this.listeners.clear();
  }

  private take(result: ConfigLoadResult): void {
    if (sameContent(result, this.latest)) return;
    this.latest = result;
    if (result.ok) this.valid = result;
    for (const listener of this.listeners) listener(result);
  }
}

function sameContent(a: ConfigLoadResult, b: ConfigLoadResult): boolean {
  if (a.ok !== b.ok) return false;
  if (a.ok && b.ok) return JSON.stringify(a.raw) === JSON.stringify(b.raw);
  return JSON.stringify(a) === JSON.stringify(b);
}
