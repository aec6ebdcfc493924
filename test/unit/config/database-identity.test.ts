import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseIdentity } from "../../../app/config/database-identity.ts";
import { validateConfig } from "../../../app/config/validate-config.ts";

const HOME = "/Users/someone";
let dir: string;
/** A stand-in for the imsg binary: executable and not a script, which is all that is read of it. */
let binary: string;
let script: string;
let wrapper: string;

function program(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return file;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pinch-dbid-"));
  binary = program("imsg", "\u00cf\u00fa\u00ed\u00femach-o");
  script = program("imsg-sudo", '#!/bin/sh\nexec sudo -u bot /opt/homebrew/bin/imsg "$@"\n');
  wrapper = program(
    "imsg-ssh",
    '#!/usr/bin/env bash\nexec ssh -T -o BatchMode=yes \\\n  Bot@Mac-Mini imsg "$@"\n',
  );
});

const env = { PATH: "" };
const keyOf = (account: { cliPath: string; dbPath?: string; remoteHost?: string }) =>
  databaseIdentity({ dbPath: undefined, remoteHost: undefined, ...account }, { homedir: HOME, env }).key;

function errorsOf(imessage: Record<string, unknown>) {
  const result = validateConfig({ channels: { imessage } }, { homedir: HOME, env });
  return result.ok ? [] : result.errors;
}

describe("which database an account reads", () => {
  it("is the same default database for the same imsg reached through a symlink", () => {
    const link = join(dir, "imsg-link");
    symlinkSync(binary, link);
    expect(keyOf({ cliPath: link })).toBe(keyOf({ cliPath: binary }));
  });

  it("is this user's default database for any imsg binary, the same as that path written out", () => {
    const other = program("imsg-other", "\u00cf\u00fa\u00ed\u00feanother build");
    expect(keyOf({ cliPath: other })).toBe(keyOf({ cliPath: binary }));
    expect(keyOf({ cliPath: binary, dbPath: `${HOME}/Library/Messages/chat.db` })).toBe(
      keyOf({ cliPath: binary }),
    );
  });

  it("is the wrapper's user@host for an SSH wrapper, whatever the case of the host", () => {
    const copy = program(
      "imsg-ssh-2",
      '#!/bin/sh\nexec /usr/bin/ssh bot@mac-mini /opt/homebrew/bin/imsg "$@"\n',
    );
    expect(keyOf({ cliPath: copy })).toBe(keyOf({ cliPath: wrapper }));
    expect(keyOf({ cliPath: wrapper })).not.toBe(keyOf({ cliPath: binary }));
  });

  it("tells the same path on two Macs apart, by the wrapper's host or by remoteHost", () => {
    const elsewhere = program("imsg-ssh-3", '#!/bin/sh\nexec ssh -p 2222 bot@mac-mini imsg "$@"\n');
    const db = "/Users/bot/Library/Messages/chat.db";
    expect(keyOf({ cliPath: wrapper, dbPath: db })).not.toBe(keyOf({ cliPath: elsewhere, dbPath: db }));
    expect(keyOf({ cliPath: script, dbPath: db, remoteHost: "bot@mac-a" })).not.toBe(
      keyOf({ cliPath: script, dbPath: db, remoteHost: "bot@mac-b" }),
    );
  });

  it("is unknown for two different scripts that are not SSH wrappers, so they are not called the same", () => {
    const another = program("imsg-sudo-2", '#!/bin/sh\nexec sudo -u other /opt/homebrew/bin/imsg "$@"\n');
    expect(keyOf({ cliPath: another })).not.toBe(keyOf({ cliPath: script }));
  });
});

describe("two accounts on one default database", () => {
  it("are refused when both leave dbPath to the default of the same imsg, naming both and the fix", () => {
    const [error, ...rest] = errorsOf({ cliPath: binary, accounts: { personal: {}, work: {} } });
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ path: "channels.imessage.accounts.work.dbPath", accountId: "work" });
    expect(error?.message).toBe(
      `accounts "personal" and "work" both read the default Messages database, ${HOME}/Library/Messages/chat.db, so every message would be answered twice; give each account its own Messages database with dbPath (or its own imsg user), or set enabled: false on one of them`,
    );
  });

  it("are refused when both name the same bare cliPath that is not installed", () => {
    expect(errorsOf({ cliPath: "imsg", accounts: { a: {}, b: {} } })[0]?.message).toContain(
      "both read the default Messages database of the user that runs imsg",
    );
  });

  it("are refused through the same SSH wrapper target", () => {
    const copy = program("imsg-ssh-4", '#!/bin/sh\nexec ssh -T bot@mac-mini imsg "$@"\n');
    expect(errorsOf({ accounts: { a: { cliPath: wrapper }, b: { cliPath: copy } } })[0]?.message).toContain(
      "both read the default Messages database of bot@mac-mini",
    );
  });

  it("are accepted when each names its own dbPath, or one is off", () => {
    expect(
      errorsOf({ cliPath: binary, accounts: { a: { dbPath: "/db/a.db" }, b: { dbPath: "/db/b.db" } } }),
    ).toEqual([]);
    expect(errorsOf({ cliPath: binary, accounts: { a: {}, b: { enabled: false } } })).toEqual([]);
  });
});
