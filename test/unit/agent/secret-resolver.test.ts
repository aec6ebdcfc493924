import { describe, expect, it } from "vitest";
import { createEnvSecretResolver } from "../../../app/secrets/env-secret-resolver.ts";
import { describeSecretRef, parseSecretRef } from "../../../app/secrets/secret-resolver.ts";

describe("secret refs", () => {
  it("parses literals, env: and keychain:", () => {
    expect(parseSecretRef("sk-abc")).toEqual({ kind: "literal", value: "sk-abc" });
    expect(parseSecretRef("env:OPENAI_API_KEY")).toEqual({ kind: "env", name: "OPENAI_API_KEY" });
    expect(parseSecretRef("keychain:anthropic")).toEqual({ kind: "keychain", name: "anthropic" });
  });

  it("describes a ref without ever showing a literal key", () => {
    expect(describeSecretRef("made-up-literal-key")).toBe("a key written in the config");
    expect(describeSecretRef("env:KEY")).toBe("env:KEY");
  });
});

describe("the headless resolver", () => {
  const resolver = createEnvSecretResolver({ MY_KEY: "value-1" });

  it("reads env: from the environment and passes literals through", async () => {
    expect(await resolver.resolve("env:MY_KEY")).toBe("value-1");
    expect(await resolver.resolve("literal-key")).toBe("literal-key");
  });

  it("names a missing variable, and explains that the keychain needs the app", async () => {
    await expect(resolver.resolve("env:MISSING")).rejects.toThrow(
      'the environment variable MISSING is not set (apiKey "env:MISSING")',
    );
    await expect(resolver.resolve("keychain:anthropic")).rejects.toThrow(
      /kept in the Pinch app's keychain, which the headless gateway cannot read; run the Pinch app, or use "env:NAME"/,
    );
  });
});
