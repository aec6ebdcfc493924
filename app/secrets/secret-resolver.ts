/**
 * Where API keys come from. A config holds a key as a literal, as `env:NAME`
 * (read from the environment) or as `keychain:NAME` (kept by the app in the
 * system keychain through Electron's safeStorage). The gateway core only sees
 * this interface, so the same code runs headless and in the app.
 */
export interface SecretResolver {
  /** The secret a ref names; throws a SecretError (which never contains the secret) when it cannot. */
  resolve(ref: string): Promise<string>;
}

export type SecretRef =
  | { kind: "literal"; value: string }
  | { kind: "env"; name: string }
  | { kind: "keychain"; name: string };

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretError";
  }
}

export function parseSecretRef(ref: string): SecretRef {
  const match = /^(env|keychain):(.+)$/.exec(ref.trim());
  if (!match) return { kind: "literal", value: ref };
  const name = (match[2] ?? "").trim();
  return match[1] === "env" ? { kind: "env", name } : { kind: "keychain", name };
}

/** How a ref is shown in logs and errors: the name of where it lives, never a literal's value. */
export function describeSecretRef(ref: string): string {
  const parsed = parseSecretRef(ref);
  return parsed.kind === "literal" ? "a key written in the config" : `${parsed.kind}:${parsed.name}`;
}
