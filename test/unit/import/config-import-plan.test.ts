import { describe, expect, it } from "vitest";
import { applyEdits } from "../../../app/config/edit-config-tree.ts";
import { planConfigImport } from "../../../app/import/config-import-plan.ts";

describe("planning a config import", () => {
  it("copies the keys Pinch knows and names the others as left out", () => {
    const plan = planConfigImport(
      { channels: { imessage: { dmPolicy: "pairing", sendTransport: "auto" }, telegram: { botToken: "x" } } },
      {},
    );
    expect(plan.set).toEqual([{ keyPath: "channels.imessage.dmPolicy", value: '"pairing"' }]);
    expect(plan.leftOut).toEqual(["channels.imessage.sendTransport", "channels.telegram"]);
  });

  it("keeps Pinch's own value where both set a key differently", () => {
    const plan = planConfigImport({ session: { dmScope: "main" } }, { session: { dmScope: "per-peer" } });
    expect(plan.edits).toEqual([]);
    expect(plan.kept).toEqual([{ keyPath: "session.dmScope", pinch: '"per-peer"', openclaw: '"main"' }]);
  });

  it("adds the sender list entries Pinch lacks, after its own", () => {
    const plan = planConfigImport(
      { channels: { imessage: { allowFrom: ["+15555550123", "a@example.com"] } } },
      { channels: { imessage: { allowFrom: ["+15555550123", "+15555550100"] } } },
    );
    expect(plan.edits).toEqual([
      {
        kind: "set",
        keyPath: "channels.imessage.allowFrom",
        value: ["+15555550123", "+15555550100", "a@example.com"],
      },
    ]);
  });

  it("never copies a model key written in the file: it becomes an env reference", () => {
    const plan = planConfigImport(
      {
        models: {
          providers: {
            anthropic: { apiKey: "not-a-real-key" },
            "my-proxy": { apiKey: { source: "env", provider: "default", id: "PROXY_KEY" } },
            openai: { apiKey: "${OPENAI_KEY}" },
            local: { apiKey: "keychain:local-key" },
          },
        },
      },
      {},
    );
    const values = Object.fromEntries(plan.set.map((item) => [item.keyPath, item.value]));
    expect(values).toEqual({
      "models.providers.anthropic.apiKey": '"env:ANTHROPIC_API_KEY"',
      "models.providers.my-proxy.apiKey": '"env:MY_PROXY_API_KEY"',
      "models.providers.openai.apiKey": '"env:OPENAI_API_KEY"',
      "models.providers.local.apiKey": '"keychain:local-key"',
    });
    expect(JSON.stringify(plan)).not.toContain("not-a-real-key");
  });

  it("keeps an empty group entry, which admits the group, but not an object emptied of unsupported keys", () => {
    const plan = planConfigImport(
      { channels: { imessage: { groups: { "*": {} } } }, agents: { defaults: { workspace: "~/w" } } },
      {},
    );
    expect(plan.set).toEqual([{ keyPath: 'channels.imessage.groups["*"]', value: "{}" }]);
  });

  it("plans nothing on its own result", () => {
    const openclaw = {
      channels: { imessage: { accounts: { a: { groups: { 42: { requireMention: false } } } } } },
      commands: { config: true, ownerAllowFrom: ["+15555550123"] },
    };
    const first = planConfigImport(openclaw, { commands: { ownerAllowFrom: ["+15555550100"] } });
    const applied = applyEdits({ commands: { ownerAllowFrom: ["+15555550100"] } }, first.edits);
    if (!applied.ok) throw new Error(applied.problem.message);
    expect(planConfigImport(openclaw, applied.next).edits).toEqual([]);
  });
});
