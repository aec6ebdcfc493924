import { describe, expect, it } from "vitest";
import { createLogger } from "../../../app/log/logger.ts";
import { redactLogLine } from "../../../app/log/redact-log-line.ts";

const quiet = { verbose: false };
const verbose = { verbose: true };

function gatewayLine(message: string, fields: Record<string, unknown>): string {
  let written = "";
  createLogger({ sink: { write: (line) => (written = line) }, format: "json" }).info(message, fields);
  return written;
}

describe("log redaction for the log file", () => {
  it("hides message text from the gateway's JSON lines unless verbose logging is on", () => {
    const line = gatewayLine("sending", { chat: 3, text: "meet me at 6 by the station" });
    const redacted = JSON.parse(redactLogLine(line, quiet));
    expect(redacted).toMatchObject({ msg: "sending", chat: 3, text: "[27 characters hidden]" });
    expect(JSON.parse(redactLogLine(line, verbose)).text).toBe("meet me at 6 by the station");
  });

  it("keeps a raw imsg frame's shape but hides the texts inside it", () => {
    const frame = JSON.stringify({
      jsonrpc: "2.0",
      method: "message",
      params: { subscription: 1, message: { id: 42, sender: "+15550100001", text: "my bank PIN is 1234" } },
    });
    const line = gatewayLine("imsg printed a line that is not JSON; ignored", { line: frame });
    const logged = JSON.parse(redactLogLine(line, quiet));
    const inner = JSON.parse(logged.line);
    expect(inner.params.message).toEqual({ id: 42, sender: "+15550100001", text: "[19 characters hidden]" });
    expect(redactLogLine(line, quiet)).not.toContain("PIN");
  });

  it("masks values under secret-like keys even with verbose logging", () => {
    const line = JSON.stringify({
      msg: "model request",
      apiKey: "plain-value-123",
      headers: { Authorization: "Bearer abc" },
    });
    for (const options of [quiet, verbose]) {
      const logged = JSON.parse(redactLogLine(line, options));
      expect(logged.apiKey).toBe("[redacted]");
      expect(logged.headers.Authorization).toBe("[redacted]");
    }
  });

  it("masks key-shaped values anywhere, also in plain text lines", () => {
    // Built here so no key-shaped literal is kept in the repository.
    const key = ["sk", "ant", "api03", "abcdefghijklmnop"].join("-");
    expect(redactLogLine(`provider said: invalid key ${key}`, verbose)).not.toContain(key);
    expect(redactLogLine(JSON.stringify({ msg: "x", error: `bad key ${key}` }), verbose)).not.toContain(key);
  });

  it("a text that is not JSON passes through unchanged apart from keys", () => {
    expect(redactLogLine("Pinch started (version 0.1.0)", quiet)).toBe("Pinch started (version 0.1.0)");
    expect(redactLogLine("{ not json", quiet)).toBe("{ not json");
  });

  it("masks a user name and password inside a URL, in the gateway's lines and plain text", () => {
    const url = "https://someone:hunter2-pass@llm.example.net/v1";
    const line = gatewayLine("model request failed", { baseUrl: url, error: `fetch ${url} failed` });
    for (const logged of [line, redactLogLine(line, verbose), redactLogLine(`POST ${url}`, verbose)]) {
      expect(logged).not.toContain("hunter2-pass");
      expect(logged).not.toContain("someone");
      expect(logged).toContain("https://[redacted]@llm.example.net/v1");
    }
    expect(redactLogLine("see https://llm.example.net/v1/a@b and a@b.example", verbose)).toBe(
      "see https://llm.example.net/v1/a@b and a@b.example",
    );
  });

  it("masks a bearer token of any shape", () => {
    expect(redactLogLine("401: Authorization: Bearer abcDEF123456789 was refused", verbose)).toBe(
      "401: Authorization: Bearer [redacted] was refused",
    );
  });
});
