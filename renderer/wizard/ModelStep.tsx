import { useId, useState } from "react";
import type { ModelPresetId } from "../../app/agent/model-presets.ts";
import { modelPresets } from "../../app/agent/model-presets.ts";
import { useModelSetup } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { StepActions } from "./StepActions.tsx";
import { useAutoAdvance } from "./use-auto-advance.ts";

type Field = "modelId" | "baseUrl" | "apiKey" | "test";

/** Provider, model and key; saved through the core (the key into the keychain), then a live hello. */
export function ModelStep({ onNext }: { onNext: () => void }) {
  const { save, test } = useModelSetup();
  const [presetId, setPresetId] = useState<ModelPresetId>("anthropic");
  const preset = modelPresets.find((candidate) => candidate.id === presetId) ?? modelPresets[0];
  const [modelId, setModelId] = useState(preset?.model ?? "");
  const [baseUrl, setBaseUrl] = useState(preset?.baseUrl ?? "");
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<{ field: Field; message: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [hello, setHello] = useState<string | undefined>();
  const ids = { preset: useId(), model: useId(), url: useId(), key: useId(), message: useId() };
  useAutoAdvance(hello !== undefined, onNext);

  const choose = (id: ModelPresetId) => {
    const next = modelPresets.find((candidate) => candidate.id === id);
    setPresetId(id);
    setModelId(next?.model ?? "");
    setBaseUrl(next?.baseUrl ?? "");
    setError(undefined);
  };

  const run = async () => {
    setBusy(true);
    setError(undefined);
    const saved = await save({
      preset: presetId,
      modelId,
      ...(baseUrl ? { baseUrl } : {}),
      ...(apiKey ? { apiKey } : {}),
    });
    if (!saved.ok) {
      setBusy(false);
      setError({ field: fieldOf(saved.error.field), message: saved.error.message });
      return;
    }
    const answer = await test({});
    setBusy(false);
    if (answer.ok) setHello(answer.data.reply);
    else
      setError({ field: answer.error.field === "apiKey" ? "apiKey" : "test", message: answer.error.message });
  };

  const errorFor = (field: Field) => (error?.field === field ? error.message : undefined);
  const showUrl = preset?.baseUrl !== undefined || presetId === "custom";

  return (
    <div className="wizard-body">
      <div className="field">
        <label htmlFor={ids.preset} className="field-label">
          Provider
        </label>
        <select
          id={ids.preset}
          className="select"
          value={presetId}
          onChange={(event) => choose(event.target.value as ModelPresetId)}
        >
          {modelPresets.map((item) => (
            <option key={item.id} value={item.id}>
              {item.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.model} className="field-label">
          Model
        </label>
        <input
          id={ids.model}
          className="input"
          value={modelId}
          aria-invalid={errorFor("modelId") !== undefined}
          onChange={(event) => setModelId(event.target.value)}
        />
        <FieldMessage id={`${ids.model}-message`} error={errorFor("modelId")} />
      </div>
      {showUrl ? (
        <div className="field">
          <label htmlFor={ids.url} className="field-label">
            Server address
          </label>
          <input
            id={ids.url}
            className="input"
            value={baseUrl}
            placeholder="http://127.0.0.1:8080/v1"
            aria-invalid={errorFor("baseUrl") !== undefined}
            onChange={(event) => setBaseUrl(event.target.value)}
          />
          <FieldMessage id={`${ids.url}-message`} error={errorFor("baseUrl")} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={ids.key} className="field-label">
          API key{preset?.needsKey ? "" : " (if the server needs one)"}
        </label>
        <input
          id={ids.key}
          className="input"
          type="password"
          autoComplete="off"
          value={apiKey}
          aria-invalid={errorFor("apiKey") !== undefined}
          onChange={(event) => setApiKey(event.target.value)}
        />
        <FieldMessage
          id={`${ids.key}-message`}
          error={errorFor("apiKey")}
          hint="Kept in your Mac's keychain, never in the config file."
        />
      </div>
      <div
        className="check-result"
        role="status"
        aria-live="polite"
        data-state={hello ? "granted" : errorFor("test") ? "denied" : "not-determined"}
      >
        <p className="check-title">
          {hello
            ? "✓ The model answered"
            : busy
              ? "Asking the model to say hello…"
              : "Save to try the model."}
        </p>
        {hello ? <p className="row-detail">“{hello}”</p> : null}
        {errorFor("test") ? <p className="field-error">{errorFor("test")}</p> : null}
      </div>
      <StepActions>
        <Button onClick={onNext}>Skip for now</Button>
        <Button variant="primary" disabled={busy || modelId.trim() === ""} onClick={() => void run()}>
          Save and say hello
        </Button>
      </StepActions>
    </div>
  );
}

function fieldOf(field: string | undefined): Field {
  if (field?.endsWith("baseUrl")) return "baseUrl";
  if (field?.endsWith("apiKey")) return "apiKey";
  if (field === "modelId" || field?.startsWith("agents.")) return "modelId";
  return "test";
}
