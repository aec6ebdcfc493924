import { describe, expect, it } from "vitest";
import { explainFailure, explainKnownFailure, failureText } from "../../../app/errors/failure-explanation.ts";

describe("failure explanations", () => {
  const cases: {
    name: string;
    raw: string;
    context?: Parameters<typeof explainFailure>[1];
    message: RegExp;
    action?: string;
  }[] = [
    {
      name: "a DNS failure names the host it could not reach",
      raw: "Cannot connect to API: getaddrinfo ENOTFOUND api.example.com",
      message:
        /^Pinch can't reach api\.example\.com\. Check the internet connection or the server address\.$/,
      action: "retry",
    },
    {
      name: "a refused connection says nothing answered at that address",
      raw: "Cannot connect to API: connect ECONNREFUSED 127.0.0.1:4040",
      message: /^Nothing answered at 127\.0\.0\.1:4040\./,
      action: "retry",
    },
    {
      name: "an untrusted certificate is a failed secure connection",
      raw: "fetch failed (SELF_SIGNED_CERT_IN_CHAIN)",
      message: /certificate is not trusted/,
    },
    {
      name: "a timeout says how long the model was given",
      raw: "The operation was aborted due to timeout",
      context: { timeoutSeconds: 20 },
      message: /^The model didn't answer within 20 s\.$/,
      action: "retry",
    },
    {
      name: "a refused key names the provider and asks for a new key",
      raw: "invalid x-api-key",
      context: { provider: "Anthropic" },
      message: /^The key was refused by Anthropic\. Paste a new key\.$/,
      action: "change-key",
    },
    {
      name: "a 403 from the agent's summary is a refused key too",
      raw: "custom/tiny: auth 403: forbidden",
      message: /^The key was refused by the server\./,
      action: "change-key",
    },
    {
      name: "a rate limit asks to wait or check the plan",
      raw: "HTTP 429: Too Many Requests",
      context: { provider: "OpenAI" },
      message: /^OpenAI says too many requests were sent or the quota is used up\./,
      action: "retry",
    },
    {
      name: "an unknown model names the model",
      raw: "HTTP 404: model: claude-nope",
      context: { provider: "Anthropic", model: "claude-nope" },
      message: /^Anthropic doesn't know the model "claude-nope"\. Check the model's name\.$/,
    },
    {
      name: "a refused file read is Full Disk Access with a way to the setting",
      raw: "EACCES: permission denied, open '/Users/me/Library/Messages/chat.db'",
      message:
        /^macOS didn't let Pinch read \/Users\/me\/Library\/Messages\/chat\.db\. Give Pinch Full Disk Access/,
      action: "open-full-disk-access",
    },
    {
      name: "a refused open reported with the code after the path is Full Disk Access too",
      raw: "macOS refused to open /Users/me/Library/Messages/chat.db (EPERM).",
      message: /Full Disk Access/,
      action: "open-full-disk-access",
    },
    {
      name: "osascript's -1743 is Automation not allowed",
      raw: "execution error: Not authorized to send Apple events to Messages. (-1743)",
      message: /^macOS doesn't allow Pinch to control Messages\./,
      action: "open-automation",
    },
    {
      name: "osascript's -600 is Messages not running",
      raw: "execution error: Application isn't running. (-600)",
      message: /^Messages isn't running\./,
      action: "retry",
    },
    {
      name: "a missing imsg says where Pinch looked and offers to choose it",
      raw: "spawn /opt/homebrew/bin/imsg ENOENT",
      message: /^Pinch can't find imsg at \/opt\/homebrew\/bin\/imsg\./,
      action: "choose-imsg",
    },
    {
      name: "an unknown host for ssh names it",
      raw: "ssh: Could not resolve hostname studio.local: nodename nor servname provided",
      message: /^The host name of studio\.local does not resolve\. Check the host name\.$/,
      action: "retry",
    },
    {
      name: "a Mac without Remote Login refuses the connection",
      raw: "ssh: connect to host 10.0.0.2 port 22: Connection refused",
      message:
        /^10\.0\.0\.2 refused the connection: Remote Login is off or the port is wrong\. Turn on Remote Login/,
      action: "retry",
    },
    {
      name: "an unreachable Mac for ssh says to check it is on",
      raw: "ssh: connect to host 10.0.0.2 port 22: Operation timed out",
      message: /^10\.0\.0\.2 did not answer .*Check that the Mac is awake/,
      action: "retry",
    },
    {
      name: "a refused key for ssh asks to add Pinch's key",
      raw: "bot@studio.local: Permission denied (publickey,password).",
      message: /^bot@studio\.local refused Pinch's key .*Install the public key/,
      action: "retry",
    },
    {
      name: "a changed host key warns before trusting it again",
      raw: "@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\nHost key verification failed.",
      message: /^The host key of the other Mac has CHANGED/,
    },
    {
      name: "a full disk asks to free space",
      raw: "ENOSPC: no space left on device, write",
      message: /^The disk is full\./,
      action: "retry",
    },
  ];

  for (const { name, raw, context, message, action } of cases) {
    it(name, () => {
      const explained = explainFailure(raw, context);
      expect(explained.message).toMatch(message);
      expect(explained.action).toBe(action);
      expect(explained.detail).toBe(raw);
    });
  }

  it("an unknown failure gets a plain sentence with the raw text as its detail", () => {
    const explained = explainFailure("kaboom 0x5f");
    expect(explained.message).toBe(
      "Something went wrong that Pinch doesn't recognise. The details say what happened.",
    );
    expect(explained.detail).toBe("kaboom 0x5f");
    expect(explained.action).toBeUndefined();
    expect(explainKnownFailure("kaboom 0x5f")).toBeUndefined();
  });

  it("an error's text includes its cause and HTTP status", () => {
    const cause = Object.assign(new Error("getaddrinfo ENOTFOUND api.example.com"), { code: "ENOTFOUND" });
    const error = Object.assign(new Error("Cannot connect to API", { cause }), { statusCode: 502 });
    expect(failureText(error)).toBe(
      "HTTP 502: Cannot connect to API ← getaddrinfo ENOTFOUND api.example.com",
    );
  });
});
