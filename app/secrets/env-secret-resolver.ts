import { parseSecretRef, SecretError, type SecretResolver } from "./secret-resolver.ts";

/**
 * The headless resolver (`pinch gateway`): literals as written, `env:NAME`
 * from the environment. The keychain belongs to the app, so a `keychain:` ref
 * here is an error that says how to run with it instead.
 */
export function createEnvSecretResolver(env: NodeJS.ProcessEnv = process.env): SecretResolver {
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
      throw new SecretError(
        `apiKey "keychain:${parsed.name}" is kept in the Pinch app's keychain, which the headless gateway cannot read; run the Pinch app, or use "env:NAME" here`,
      );
    },
  };
}
