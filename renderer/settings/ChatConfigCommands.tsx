import type { ConfigDefaults } from "../../app/ipc/view-schemas.ts";
import type { useConfigEdit } from "../bridge/hooks.ts";
import { ConfigField } from "./ConfigField.tsx";

/**
 * Settings by text message: `commands.config` is the switch (off unless turned on); the
 * channel's `configWrites`, which only narrows it to reading, waits under Advanced.
 */
export function ChatConfigCommands({
  raw,
  defaults,
  edit,
}: {
  raw: Record<string, unknown>;
  defaults: ConfigDefaults;
  edit: ReturnType<typeof useConfigEdit>;
}) {
  const commands = raw.commands as { config?: unknown } | undefined;
  const imessage = (raw.channels as { imessage?: { configWrites?: unknown } } | undefined)?.imessage;
  return (
    <>
      <ConfigField
        keyPath="commands.config"
        label="Change Pinch's settings by text message"
        help="When on, you (the owner) can text /config show to see the settings and /config set to change them, for example who may write to the assistant. Nobody else can. Off by default."
        current={commands?.config === true}
        edit={edit}
        kind="switch"
      />
      <details className="advanced-disclosure">
        <summary>Advanced /config options</summary>
        <ConfigField
          keyPath="channels.imessage.configWrites"
          label="Allow changes by text, not only reading"
          help="Off: /config show still works, /config set is refused."
          current={imessage?.configWrites ?? defaults.configWrites}
          edit={edit}
          kind="switch"
        />
      </details>
    </>
  );
}
