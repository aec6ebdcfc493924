// The app's secret store: API keys encrypted with Electron's safeStorage, whose key macOS keeps in
// the login keychain ("Pinch Safe Storage"), and stored as ciphertext in a 0600 file. It is the
// app's SecretResolver: `keychain:NAME` refs in the config resolve here. No Electron import, so the
// unit tests drive it with a stand-in cipher.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { writeFileAtomic } from "../app/fs/atomic-write.ts";
import { createEnvSecretResolver } from "../app/secrets/env-secret-resolver.ts";
import { SecretError, type SecretResolver } from "../app/secrets/secret-resolver.ts";

/** The part of Electron's `safeStorage` the store uses. */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface KeychainSecretStore extends SecretResolver {
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<boolean>;
  /** The names stored, never the values. */
  names(): Promise<string[]>;
}

export const SecretNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { error: "use 1 to 64 letters, digits, '.', '_' or '-'" });

const SecretFileSchema = z.object({
  version: z.literal(1),
  /** Name → base64 of safeStorage's ciphertext. */
  secrets: z.record(z.string(), z.string()),
});
type SecretFile = z.infer<typeof SecretFileSchema>;

export function createKeychainSecretStore(options: {
  file: string;
  cipher: StringCipher;
  env?: NodeJS.ProcessEnv;
}): KeychainSecretStore {
  const { file, cipher } = options;
  const env = options.env ?? process.env;

  const load = async (): Promise<SecretFile> => {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, secrets: {} };
      throw new SecretError(`cannot read the secret store ${file}: ${(error as Error).message}`);
    }
    const parsed = SecretFileSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new SecretError(`the secret store ${file} is damaged; store the keys again in Pinch's settings`);
    }
    return parsed.data;
  };

  const requireCipher = () => {
    if (!cipher.isEncryptionAvailable()) {
      throw new SecretError("the keychain is not available (is the login keychain locked?)");
    }
  };

  const checkedName = (name: string): string => {
    const parsed = SecretNameSchema.safeParse(name);
    if (!parsed.success)
      throw new SecretError(`"${name}" is not a valid key name: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  };

  const store: KeychainSecretStore = {
    resolve: createEnvSecretResolver(env, async (keyName) => {
      const name = checkedName(keyName);
      const stored = (await load()).secrets[name];
      if (stored === undefined) {
        throw new SecretError(`no key named "${name}" in Pinch's keychain; add it in Pinch's settings`);
      }
      requireCipher();
      try {
        return cipher.decryptString(Buffer.from(stored, "base64"));
      } catch {
        // A keychain reset or another Mac's copy of the file: the ciphertext is useless now.
        throw new SecretError(
          `the key "${name}" can no longer be decrypted; store it again in Pinch's settings`,
        );
      }
    }).resolve,
    async set(name, value) {
      const valid = checkedName(name);
      if (value === "") throw new SecretError(`the key "${valid}" is empty`);
      requireCipher();
      const data = await load();
      data.secrets[valid] = cipher.encryptString(value).toString("base64");
      await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    },
    async delete(name) {
      const data = await load();
      if (!(name in data.secrets)) return false;
      delete data.secrets[name];
      await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
      return true;
    },
    async names() {
      return Object.keys((await load()).secrets).sort();
    },
  };
  return store;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
