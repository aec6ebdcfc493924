import { useId, useState } from "react";
import type { AccountView, NormalizedEntry } from "../../app/ipc/view-schemas.ts";
import type { useConfigEdit } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { useNormalized } from "./use-normalized.ts";
import { useOwnHandles } from "./use-own-handles.ts";

interface HandleListEditorProps {
  account: AccountView;
  listKey: "allowFrom" | "groupAllowFrom";
  /** Null: the key is unset (groupAllowFrom then falls back to allowFrom). */
  entries: readonly string[] | null;
  label: string;
  edit: ReturnType<typeof useConfigEdit>;
  /** Names of the Mac's chats by chat id, so a `chat_id:N` entry says which chat it is. */
  chatNames: ReadonlyMap<number, string>;
}

/**
 * A list of handles that shows how the core reads each one as it is typed (E.164 for a number),
 * flags the ones it cannot read, and saves through the core: a refused list is not saved. The
 * owner's own number or email is marked "you"; removing it asks first, and every removal can be
 * undone.
 */
export function HandleListEditor({
  account,
  listKey,
  entries,
  label,
  edit,
  chatNames,
}: HandleListEditorProps) {
  const [draft, setDraft] = useState("");
  const [removed, setRemoved] = useState<{ entry: string; index: number } | null>(null);
  const own = useOwnHandles(account.id);
  const inputId = useId();
  const messageId = useId();
  const keyPath = `${account.configPath}.${listKey}`;
  const current = entries ?? [];
  const trimmed = draft.trim();
  const normalized = useNormalized(trimmed === "" ? current : [...current, trimmed], account.id);
  const preview = trimmed === "" ? undefined : normalized.get(trimmed);
  const error = edit.errorFor(keyPath);

  const save = async (next: string[]) => edit.save(keyPath, { keyPath, value: next });
  const remove = async (index: number) => {
    const entry = current[index];
    if (entry === undefined) return;
    if (await save(current.filter((_, at) => at !== index))) setRemoved({ entry, index });
  };
  const undo = async () => {
    if (!removed) return;
    const next = [...current];
    next.splice(Math.min(removed.index, next.length), 0, removed.entry);
    if (await save(next)) setRemoved(null);
  };
  // Adding waits for the core's reading, so a number is saved in the form the core matches, never as typed.
  const canAdd = trimmed !== "" && preview !== undefined && !edit.busy;
  const add = async () => {
    if (!canAdd) return;
    const entry = preview.normalized ?? trimmed;
    if (await save([...current, entry])) setDraft("");
  };

  return (
    <div className="handle-editor">
      <ul className="handle-list" aria-label={label}>
        {current.length === 0 ? (
          <li className="row row-detail">
            {entries === null ? "Not set: the list for direct messages applies." : "Nobody yet."}
          </li>
        ) : null}
        {current.map((entry, index) => (
          <HandleRow
            // Entries are unique in practice, but a hand-edited file may repeat one: the position keeps keys apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            key={`${index}:${entry}`}
            entry={entry}
            reading={normalized.get(entry)}
            chatNames={chatNames}
            isOwn={own.has(normalized.get(entry)?.normalized ?? entry)}
            onRemove={() => void remove(index)}
          />
        ))}
      </ul>
      {/* A live region that is always there, so the removal is announced when it happens. */}
      <div role="status" className={removed ? "row handle-removed" : "visually-hidden"}>
        {removed ? (
          <>
            <span className="row-main">Removed {removed.entry}.</span>
            <Button
              aria-label={`Undo removing ${removed.entry}`}
              disabled={edit.busy}
              onClick={() => void undo()}
            >
              Undo
            </Button>
          </>
        ) : null}
      </div>
      <div className="row handle-add">
        <div className="field row-main">
          <label htmlFor={inputId} className="visually-hidden">
            Add to {label}
          </label>
          <input
            id={inputId}
            className="input"
            placeholder="+1 555 555 0123, name@example.com or chat_id:42"
            value={draft}
            aria-invalid={preview?.kind === "invalid" || error !== undefined}
            aria-describedby={messageId}
            onChange={(event) => {
              setDraft(event.target.value);
              edit.clearError(keyPath);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter") void add();
            }}
          />
          <FieldMessage id={messageId} error={error} hint={describePreview(preview)} />
        </div>
        <Button onClick={() => void add()} disabled={!canAdd} aria-label={`Add to ${label}`}>
          Add
        </Button>
      </div>
    </div>
  );
}

function HandleRow({
  entry,
  reading,
  chatNames,
  isOwn,
  onRemove,
}: {
  entry: string;
  reading: NormalizedEntry | undefined;
  chatNames: ReadonlyMap<number, string>;
  /** The owner's own number or email: removing it can lock them out of their assistant. */
  isOwn: boolean;
  onRemove: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const invalid = reading?.kind === "invalid";
  const chatName =
    reading?.kind === "chat_id" ? chatNames.get(Number(reading.normalized?.slice(8))) : undefined;
  return (
    <li className="row">
      <div className="row-main">
        <span className="mono">{entry}</span>
        {isOwn ? <span className="badge handle-you">you</span> : null}
        {reading?.normalized && reading.normalized !== entry ? (
          <span className="row-detail"> → {reading.normalized}</span>
        ) : null}
        {chatName ? <span className="row-detail"> → {chatName}</span> : null}
        {/* Kept in view: the core warns about such an entry too, since it lets no one in. */}
        {invalid ? <p className="field-error">Admits no one: {reading.reason}</p> : null}
        {confirming ? (
          <p className="field-error" role="alert">
            This is your own number or email. Without it, the assistant may no longer answer you.
          </p>
        ) : null}
      </div>
      {confirming ? (
        <div className="row-actions">
          <Button onClick={() => setConfirming(false)}>Keep</Button>
          <Button variant="danger" aria-label={`Remove ${entry} anyway`} onClick={onRemove}>
            Remove anyway
          </Button>
        </div>
      ) : (
        <Button
          variant="danger"
          aria-label={`Remove ${entry}`}
          onClick={isOwn ? () => setConfirming(true) : onRemove}
        >
          Remove
        </Button>
      )}
    </li>
  );
}

function describePreview(preview: NormalizedEntry | undefined): string {
  if (!preview) return "";
  switch (preview.kind) {
    case "invalid":
      return `Not valid: ${preview.reason ?? ""}`;
    case "phone":
      return `Phone number, saved as ${preview.normalized}`;
    case "email":
      return `Email address, saved as ${preview.normalized}`;
    case "wildcard":
      return "* means everyone";
    default:
      return `Chat, saved as ${preview.normalized}`;
  }
}
