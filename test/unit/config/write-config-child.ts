// A second Pinch process writing the config: says "ready" once loaded, then sets
// `groups["<prefix>-<n>"]` for n = 0…count-1, one edit at a time, and exits 0 when every edit was
// saved. Run with Node, not vitest.
import { editConfigFile } from "../../../app/config/config-file.ts";

const [configPath, prefix, count] = process.argv.slice(2);
process.stdout.write("ready\n");
for (let index = 0; index < Number(count); index += 1) {
  const keyPath = `channels.imessage.groups["${prefix}-${index}"]`;
  const result = await editConfigFile(configPath as string, [
    { kind: "set", keyPath, value: { requireMention: false } },
  ]);
  if (!result.ok) {
    process.stderr.write(`${JSON.stringify(result.errors)}\n`);
    process.exit(1);
  }
}
