import { useId } from "react";
import { useConfigEdit, useConfigView } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { useDraft } from "../ui/use-draft.ts";

const EXCLUDED_KEY = "channels.imessage.catchUp.excludeChats";
const QUIET_KEY = "channels.imessage.quietHours";

interface ChannelKeys {
  catchUp?: { excludeChats?: unknown };
  quietHours?: { start?: unknown; end?: unknown };
}

function channelKeys(raw: Record<string, unknown>): ChannelKeys {
  return ((raw.channels as { imessage?: ChannelKeys } | undefined)?.imessage ?? {}) as ChannelKeys;
}

/** The chats a catch-up never reads, and the quiet hours, for every account that does not set its own. */
export function AssistantSettings() {
  const view = useConfigView();
  const edit = useConfigEdit();
  const keys = view.kind === "ready" ? channelKeys(view.data.raw) : {};
  const excludedSaved = Array.isArray(keys.catchUp?.excludeChats)
    ? keys.catchUp.excludeChats.map(String).join(", ")
    : "";
  const startSaved = typeof keys.quietHours?.start === "string" ? keys.quietHours.start : "";
  const endSaved = typeof keys.quietHours?.end === "string" ? keys.quietHours.end : "";
  const [excluded, setExcluded] = useDraft(excludedSaved);
  const [start, setStart] = useDraft(startSaved);
  const [end, setEnd] = useDraft(endSaved);
  const excludedId = useId();
  const excludedMessage = useId();
  const startId = useId();
  const endId = useId();
  const quietMessage = useId();

  const saveExcluded = () => {
    const chats = excluded
      .split(",")
      .map((chat) => chat.trim())
      .filter((chat) => chat !== "");
    return chats.length === 0
      ? edit.remove(EXCLUDED_KEY, EXCLUDED_KEY)
      : edit.save(EXCLUDED_KEY, { keyPath: EXCLUDED_KEY, value: chats });
  };
  const saveQuiet = () =>
    start.trim() === "" && end.trim() === ""
      ? edit.remove(QUIET_KEY, QUIET_KEY)
      : edit.save(QUIET_KEY, { keyPath: QUIET_KEY, value: { start: start.trim(), end: end.trim() } });

  return (
    <section aria-labelledby="assistant-settings-title">
      <h2 id="assistant-settings-title" className="group-title">
        Catch-ups and quiet hours
      </h2>
      <div className="group">
        <div className="row">
          <div className="field row-main">
            <label htmlFor={excludedId} className="field-label">
              Chats a catch-up never reads
            </label>
            <input
              id={excludedId}
              className="input"
              value={excluded}
              aria-invalid={edit.errorFor(EXCLUDED_KEY) !== undefined}
              aria-describedby={excludedMessage}
              placeholder="Doctor, +15555550123"
              onChange={(event) => setExcluded(event.target.value)}
            />
            <FieldMessage
              id={excludedMessage}
              error={edit.errorFor(EXCLUDED_KEY)}
              hint="Names, numbers or emails, separated by commas. “What did I miss?” leaves these chats out."
            />
          </div>
          <Button
            aria-label="Save chats a catch-up never reads"
            disabled={excluded === excludedSaved || edit.busy}
            onClick={() => void saveExcluded()}
          >
            Save
          </Button>
        </div>
        <div className="row">
          <div className="field row-main">
            <span className="field-label">Quiet hours</span>
            <span className="quiet-hours">
              <label htmlFor={startId}>From</label>
              <input
                id={startId}
                className="input quiet-time"
                value={start}
                placeholder="22:00"
                aria-describedby={quietMessage}
                aria-invalid={edit.errorFor(QUIET_KEY) !== undefined}
                onChange={(event) => setStart(event.target.value)}
              />
              <label htmlFor={endId}>until</label>
              <input
                id={endId}
                className="input quiet-time"
                value={end}
                placeholder="08:00"
                aria-describedby={quietMessage}
                aria-invalid={edit.errorFor(QUIET_KEY) !== undefined}
                onChange={(event) => setEnd(event.target.value)}
              />
            </span>
            <FieldMessage
              id={quietMessage}
              error={edit.errorFor(QUIET_KEY)}
              hint="No reminders or scheduled messages in these hours; what falls due waits for the end. Empty: none."
            />
          </div>
          <Button
            aria-label="Save quiet hours"
            disabled={(start === startSaved && end === endSaved) || edit.busy}
            onClick={() => void saveQuiet()}
          >
            Save
          </Button>
        </div>
      </div>
    </section>
  );
}
