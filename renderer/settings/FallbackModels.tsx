import { useId, useState } from "react";
import { useConfigEdit } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { fallbackEdit, type ModelSettings } from "./model-settings.ts";

const FIELD = "fallbacks";

/** The models asked, in order, when the main one keeps failing: add, remove and reorder. */
export function FallbackModels({
  raw,
  current,
  onSaved,
}: {
  raw: Record<string, unknown>;
  current: ModelSettings;
  onSaved: () => void;
}) {
  const edit = useConfigEdit(onSaved);
  const [provider, setProvider] = useState(current.providers[0] ?? "anthropic");
  const [model, setModel] = useState("");
  const ids = { provider: useId(), model: useId(), message: useId() };
  const list = current.fallbacks;

  const store = async (next: string[]) => {
    const edits = fallbackEdit(raw, next);
    return edits.length === 0 ? true : edit.patch(FIELD, edits);
  };
  const move = (index: number, by: number) => {
    const next = [...list];
    const [entry] = next.splice(index, 1);
    if (entry === undefined) return;
    next.splice(index + by, 0, entry);
    void store(next);
  };

  return (
    <>
      <div className="row">
        <div className="row-main">
          <p className="row-title" id={`${ids.message}-title`}>
            Fallback models
          </p>
          <p className="row-detail">
            {list.length === 0
              ? "None: when the model fails, people get the short failure reply."
              : "Asked in this order when the model above fails."}
          </p>
        </div>
      </div>
      {list.length > 0 ? (
        <ol className="fallback-list" aria-labelledby={`${ids.message}-title`}>
          {list.map((ref, index) => (
            <li key={ref} className="row">
              <span className="row-main mono">{ref}</span>
              <span className="row-actions">
                <Button aria-label={`Move ${ref} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                  ↑
                </Button>
                <Button
                  aria-label={`Move ${ref} down`}
                  disabled={index === list.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </Button>
                <Button
                  aria-label={`Remove ${ref}`}
                  onClick={() => void store(list.filter((_, at) => at !== index))}
                >
                  Remove
                </Button>
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="row">
        <div className="field row-main">
          <div className="toolbar-row">
            <label htmlFor={ids.provider}>Fallback provider</label>
            <select
              id={ids.provider}
              className="select"
              value={provider}
              onChange={(event) => setProvider(event.target.value)}
            >
              {current.providers.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
            <label htmlFor={ids.model}>Fallback model</label>
            <input
              id={ids.model}
              className="input"
              value={model}
              aria-describedby={ids.message}
              aria-invalid={edit.errorFor(FIELD) !== undefined}
              onChange={(event) => {
                setModel(event.target.value);
                edit.clearError(FIELD);
              }}
            />
            <Button
              disabled={model.trim() === "" || edit.busy}
              onClick={async () => {
                const ref = `${provider}/${model.trim()}`;
                if (list.includes(ref) || ref === `${current.providerId}/${current.modelId}`) return;
                if (await store([...list, ref])) setModel("");
              }}
            >
              Add fallback
            </Button>
          </div>
          <FieldMessage
            id={ids.message}
            error={edit.errorFor(FIELD)}
            hint="A provider answers only once its key is set up."
          />
        </div>
      </div>
    </>
  );
}
