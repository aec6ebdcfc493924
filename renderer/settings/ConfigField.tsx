import { useId } from "react";
import type { useConfigEdit } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { useDraft } from "../ui/use-draft.ts";

interface ConfigFieldProps {
  keyPath: string;
  /** What applies while the key is unset: shown in an empty field, or as the unset choice of a list. */
  placeholder?: string;
  label: string;
  help: string;
  current: unknown;
  edit: ReturnType<typeof useConfigEdit>;
  kind: "text" | "number" | "switch" | { options: readonly { value: string; label: string }[] };
}

/** One config key with its label, hint and the core's error for it; saved through the core. */
export function ConfigField({ keyPath, label, help, current, edit, kind, placeholder }: ConfigFieldProps) {
  const id = useId();
  const messageId = useId();
  const error = edit.errorFor(keyPath);
  const saved = current === undefined || current === null ? "" : String(current);
  const [draft, setDraft] = useDraft(saved);

  const save = () => {
    if (draft.trim() === "") return edit.remove(keyPath, keyPath);
    // Numbers go as text so the core reads them (and names what is wrong with "12 MB").
    return kind === "number"
      ? edit.save(keyPath, { keyPath, value: draft.trim(), asText: true })
      : edit.save(keyPath, { keyPath, value: draft });
  };

  if (kind === "switch") {
    return (
      <div className="row">
        <div className="row-main">
          <label htmlFor={id} className="row-title">
            {label}
          </label>
          <FieldMessage id={messageId} error={error} hint={help} />
        </div>
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch"
          checked={current === true}
          aria-checked={current === true}
          aria-describedby={messageId}
          onChange={(event) => void edit.save(keyPath, { keyPath, value: event.target.checked })}
        />
      </div>
    );
  }

  return (
    <div className="row">
      <div className="field row-main">
        <label htmlFor={id} className="row-title">
          {label}
        </label>
        {typeof kind === "object" ? (
          <select
            id={id}
            className="select"
            value={saved}
            aria-describedby={messageId}
            onChange={(event) => void edit.save(keyPath, { keyPath, value: event.target.value })}
          >
            {saved === "" ? (
              <option value="">{placeholder ? `Default (${placeholder})` : "Default"}</option>
            ) : null}
            {kind.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            className="input"
            inputMode={kind === "number" ? "numeric" : "text"}
            value={draft}
            placeholder={placeholder}
            aria-invalid={error !== undefined}
            aria-describedby={messageId}
            onChange={(event) => {
              setDraft(event.target.value);
              edit.clearError(keyPath);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter") void save();
            }}
          />
        )}
        <FieldMessage id={messageId} error={error} hint={help} />
      </div>
      {typeof kind === "object" ? null : (
        <Button aria-label={`Save ${label}`} disabled={draft === saved} onClick={() => void save()}>
          Save
        </Button>
      )}
    </div>
  );
}
