/**
 * Which environment variable a provider's `apiKey` may name. A config that
 * could say `apiKey: "env:GITHUB_TOKEN"` next to a `baseUrl` of its choosing
 * would send an unrelated secret to that server, so a provider reads only its
 * own variable, named the way the built-in ones are: `anthropic` reads
 * `ANTHROPIC_API_KEY`, `my-proxy` reads `MY_PROXY_API_KEY`.
 */
import { parseSecretRef } from "../secrets/secret-resolver.ts";
import type { ConfigError } from "./config-errors.ts";
import { formatKeyPath } from "./key-path.ts";
import type { PinchConfig } from "./schema.ts";

/** The environment variable that holds `providerId`'s key. */
export function providerEnvName(providerId: string): string {
  return `${providerId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_API_KEY`;
}

/** An error for each provider whose `apiKey` names another provider's (or any other) variable. */
export function providerKeyRefErrors(config: PinchConfig): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const [providerId, provider] of Object.entries(config.models?.providers ?? {})) {
    if (provider.apiKey === undefined) continue;
    const ref = parseSecretRef(provider.apiKey);
    const own = providerEnvName(providerId);
    if (ref.kind !== "env" || ref.name === own) continue;
    errors.push({
      path: formatKeyPath(["models", "providers", providerId, "apiKey"]),
      message: `"env:${ref.name}" is not this provider's variable; a provider reads only its own, "env:${own}" (or use a key stored in the Pinch window)`,
    });
  }
  return errors;
}
