import { execFileSync } from "node:child_process";
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AtomicWriteError, writeFileAtomic } from "../../../app/fs/atomic-write.ts";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "pinch-atomic-"));
});

afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function captureError(promise: Promise<unknown>): Promise<AtomicWriteError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AtomicWriteError))
    throw new Error(`expected an AtomicWriteError, got ${String(error)}`);
  return error;
}

describe("writeFileAtomic", () => {
  it("creates the file with mode 0600 by default", async () => {
    const file = path.join(dir, "state.json");
    await writeFileAtomic(file, '{"a":1}');
    expect(await readFile(file, "utf8")).toBe('{"a":1}');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("applies the requested mode exactly, whatever the umask", async () => {
    const file = path.join(dir, "public.txt");
    const previous = process.umask(0o077);
    try {
      await writeFileAtomic(file, "x", { mode: 0o644 });
    } finally {
      process.umask(previous);
    }
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it("replaces an existing file whole and tightens its mode", async () => {
    const file = path.join(dir, "config.json5");
    await writeFile(file, "old content that is longer than the new one", { mode: 0o644 });
    await writeFileAtomic(file, "new");
    expect(await readFile(file, "utf8")).toBe("new");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("leaves no temporary file behind", async () => {
    await writeFileAtomic(path.join(dir, "a.json"), "1");
    await writeFileAtomic(path.join(dir, "a.json"), "2");
    expect(await readdir(dir)).toEqual(["a.json"]);
  });

  it("writes binary data unchanged", async () => {
    const file = path.join(dir, "blob");
    const data = new Uint8Array([0, 255, 10, 13, 0]);
    await writeFileAtomic(file, data);
    expect(new Uint8Array(await readFile(file))).toEqual(data);
  });

  it("writes through a symlink instead of replacing the link", async () => {
    const real = path.join(dir, "real.json5");
    const link = path.join(dir, "link.json5");
    await writeFile(real, "old");
    await symlink(real, link);
    await writeFileAtomic(link, "new");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, "utf8")).toBe("new");
  });

  it("names the path and the missing folder when the folder does not exist", async () => {
    const file = path.join(dir, "missing", "state.json");
    const error = await captureError(writeFileAtomic(file, "x"));
    expect(error.path).toBe(file);
    expect(error.code).toBe("ENOENT");
    expect(error.message).toContain(`could not write ${file}`);
  });

  it("removes the temp file and keeps the target when the rename fails", async () => {
    // A non-empty directory in the target's place makes rename(2) fail after the temp file is written.
    const target = path.join(dir, "taken");
    await mkdir(target);
    await writeFile(path.join(target, "inside"), "keep");
    await captureError(writeFileAtomic(target, "x"));
    expect(await readdir(dir)).toEqual(["taken"]);
    expect(await readFile(path.join(target, "inside"), "utf8")).toBe("keep");
  });

  it.skipIf(process.getuid?.() === 0)(
    "keeps the old file and explains the permission problem in a read-only folder",
    async () => {
      const file = path.join(dir, "config.json5");
      await writeFile(file, "old");
      await chmod(dir, 0o500);
      const error = await captureError(writeFileAtomic(file, "new"));
      expect(error.code).toBe("EACCES");
      expect(error.message).toContain("no permission to write");
      await chmod(dir, 0o700);
      expect(await readFile(file, "utf8")).toBe("old");
      expect(await readdir(dir)).toEqual(["config.json5"]);
    },
  );
});

/**
 * A real full disk: a 64 KiB tmpfs. Mounting needs root on Linux; elsewhere
 * (a developer's Mac) these tests are skipped and the rename-failure test
 * above still covers the cleanup path.
 */
const tinyDisk = { dir: "", mounted: false };

beforeAll(async () => {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return;
  tinyDisk.dir = await mkdtemp(path.join(os.tmpdir(), "pinch-full-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", tinyDisk.dir], { stdio: "ignore" });
    tinyDisk.mounted = true;
  } catch {
    tinyDisk.mounted = false;
  }
});

afterAll(async () => {
  if (tinyDisk.mounted) execFileSync("umount", [tinyDisk.dir], { stdio: "ignore" });
  if (tinyDisk.dir !== "") await rm(tinyDisk.dir, { recursive: true, force: true });
});

describe("writeFileAtomic on a full disk", () => {
  it("keeps the old file intact, removes the temp file and says the disk is full", async (context) => {
    if (!tinyDisk.mounted) context.skip();
    const file = path.join(tinyDisk.dir, "config.json5");
    await writeFile(file, "old content");
    const error = await captureError(writeFileAtomic(file, "x".repeat(256 * 1024)));
    expect(error.code).toBe("ENOSPC");
    expect(error.message).toContain(file);
    expect(error.message).toContain("the disk is full");
    expect(await readFile(file, "utf8")).toBe("old content");
    expect(await readdir(tinyDisk.dir)).toEqual(["config.json5"]);
  });

  it("keeps the old file intact on a file system remounted read-only", async (context) => {
    if (!tinyDisk.mounted) context.skip();
    const file = path.join(tinyDisk.dir, "state.json");
    await writeFile(file, "old state");
    execFileSync("mount", ["-o", "remount,ro", tinyDisk.dir], { stdio: "ignore" });
    try {
      const error = await captureError(writeFileAtomic(file, "new state"));
      expect(error.code).toBe("EROFS");
      expect(error.message).toContain("read-only");
    } finally {
      execFileSync("mount", ["-o", "remount,rw", tinyDisk.dir], { stdio: "ignore" });
    }
    expect(await readFile(file, "utf8")).toBe("old state");
  });
});
