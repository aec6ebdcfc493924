import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SecretError } from "../../../app/secrets/secret-resolver.ts";
import { createKeychainSecretStore, type StringCipher } from "../../../main/keychain-secret-store.ts";

/** Stands in for safeStorage: real AES-GCM under a key that, on a Mac, the keychain would hold. */
function aesCipher(key = randomBytes(32), available = true): StringCipher {
  return {
    isEncryptionAvailable: () => available,
    encryptString(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString("utf8");
    },
  };
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "pinch-secrets-"));
  file = path.join(dir, "secrets.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the keychain secret store", () => {
  it("a stored key resolves through keychain:NAME and is only ciphertext on disk, mode 0600", async () => {
    const store = createKeychainSecretStore({ file, cipher: aesCipher() });
    await store.set("anthropic", "made-up-anthropic-key-123");
    expect(await store.resolve("keychain:anthropic")).toBe("made-up-anthropic-key-123");
    const onDisk = readFileSync(file, "utf8");
    expect(onDisk).not.toContain("made-up-anthropic-key-123");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.names()).toEqual(["anthropic"]);
  });

  it("literals and env: refs resolve as in the headless gateway", async () => {
    const store = createKeychainSecretStore({ file, cipher: aesCipher(), env: { OPENAI_KEY: "from-env" } });
    expect(await store.resolve("plain-literal")).toBe("plain-literal");
    expect(await store.resolve("env:OPENAI_KEY")).toBe("from-env");
    await expect(store.resolve("env:MISSING")).rejects.toThrow(/MISSING is not set/);
  });

  it("a missing name, a locked keychain and a foreign file are errors that never show a secret", async () => {
    const store = createKeychainSecretStore({ file, cipher: aesCipher() });
    await expect(store.resolve("keychain:nothing")).rejects.toThrow(SecretError);
    await store.set("openai", "made-up-openai-key-456");

    const locked = createKeychainSecretStore({ file, cipher: aesCipher(randomBytes(32), false) });
    await expect(locked.resolve("keychain:openai")).rejects.toThrow(/keychain is not available/);

    const otherMac = createKeychainSecretStore({ file, cipher: aesCipher() });
    const error = await otherMac.resolve("keychain:openai").catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(SecretError);
    expect((error as Error).message).toContain("can no longer be decrypted");
    expect((error as Error).message).not.toContain("made-up-openai-key");
  });

  it("a damaged store file is reported, and bad names and empty values are refused", async () => {
    const store = createKeychainSecretStore({ file, cipher: aesCipher() });
    await expect(store.set("../etc", "x")).rejects.toThrow(/not a valid key name/);
    await expect(store.set("ok", "")).rejects.toThrow(/empty/);
    writeFileSync(file, "{ not json");
    await expect(store.resolve("keychain:ok")).rejects.toThrow(/damaged/);
  });

  it("delete removes a key", async () => {
    const store = createKeychainSecretStore({ file, cipher: aesCipher() });
    await store.set("a", "1");
    await store.set("b", "2");
    expect(await store.delete("a")).toBe(true);
    expect(await store.delete("a")).toBe(false);
    expect(await store.names()).toEqual(["b"]);
  });
});
