import { parseSecretRef, SecretError, type SecretResolver } from "./secret-resolver.ts";

/**
 * Literals as written, `env:NAME` from the environment, and `keychain:NAME`
 * from `keychain` where the host has one (the app's safeStorage store, the
 * browser harness's memory). Headless (`pinch gateway`) there is none, so a
 * `keychain:` ref is an error that says how to run with it instead.
 */
export function createEnvSecretResolver(
  env: NodeJS.ProcessEnv = process.env,
  keychain?: (name: string) => Promise<string>,
): SecretResolver {
  return {
    async resolve(ref) {
      const parsed = parseSecretRef(ref);
      if (parsed.kind === "literal") return parsed.value;
      if (parsed.kind === "env") {
        const value = env[parsed.name];
        if (value === undefined || value === "") {
          throw new SecretError(
            `the environment variable ${parsed.name} is not set (apiKey "env:${parsed.name}")`,
          );
        }
        return value;
      }
      if (keychain) return keychain(parsed.name);
      throw new SecretError(
        `apiKey "keychain:${parsed.name}" is kept in the Pinch app's keychain, which the headless gateway cannot read; run the Pinch app, or use "env:NAME" here`,
      );
    },
  };
}
