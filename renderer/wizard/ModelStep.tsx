import { useId, useRef, useState } from "react";
import type { ModelPresetId } from "../../app/agent/model-presets.ts";
import { modelPresets } from "../../app/agent/model-presets.ts";
import { useConfigView, useModelSetup } from "../bridge/hooks.ts";
import { ModelTestStatus } from "../model/ModelTestStatus.tsx";
import { ProviderSelect } from "../model/ProviderSelect.tsx";
import { useModelTest } from "../model/use-model-test.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { StepActions } from "./StepActions.tsx";
import { type SavedModel, savedModel } from "./saved-setup.ts";
import { useAutoAdvance } from "./use-auto-advance.ts";

type Field = "modelId" | "baseUrl" | "apiKey";

/** Provider, model and key, starting from the model the config has; a form shown once the config is read. */
export function ModelStep({ onNext }: { onNext: () => void }) {
  const view = useConfigView();
  if (view.kind !== "ready") return null;
  return <ModelForm saved={savedModel(view.data.raw)} onNext={onNext} />;
}

/** Saved through the core (the key into the keychain), then a live hello; an unchanged saved model is kept as it is. */
function ModelForm({ saved, onNext }: { saved: SavedModel | undefined; onNext: () => void }) {
  const { save } = useModelSetup();
  const hello = useModelTest();
  const keyField = useRef<HTMLInputElement>(null);
  const [presetId, setPresetId] = useState<ModelPresetId>(saved?.preset ?? "anthropic");
  const preset = modelPresets.find((candidate) => candidate.id === presetId) ?? modelPresets[0];
  const [modelId, setModelId] = useState(saved?.modelId ?? preset?.model ?? "");
  const [baseUrl, setBaseUrl] = useState(saved?.baseUrl ?? preset?.baseUrl ?? "");
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<{ field: Field; message: string } | undefined>();
  const [saving, setSaving] = useState(false);
  const ids = { preset: useId(), model: useId(), url: useId(), key: useId(), message: useId() };
  useAutoAdvance(hello.state.kind === "answered", onNext);

  const choose = (id: ModelPresetId) => {
    const next = modelPresets.find((candidate) => candidate.id === id);
    setPresetId(id);
    setModelId(next?.model ?? "");
    setBaseUrl(next?.baseUrl ?? "");
    setError(undefined);
  };

  const run = async () => {
    setSaving(true);
    setError(undefined);
    hello.reset();
    const saved = await save({
      preset: presetId,
      modelId,
      ...(baseUrl ? { baseUrl } : {}),
      ...(apiKey ? { apiKey } : {}),
    });
    setSaving(false);
    if (!saved.ok) {
      setError({ field: fieldOf(saved.error.field), message: saved.error.message });
      return;
    }
    await hello.run();
  };
  const busy = saving || hello.state.kind === "waiting";

  const errorFor = (field: Field) => (error?.field === field ? error.message : undefined);
  const unchanged =
    saved !== undefined &&
    presetId === saved.preset &&
    modelId.trim() === saved.modelId &&
    baseUrl.trim() === saved.baseUrl &&
    apiKey === "";
  const showUrl = preset?.baseUrl !== undefined || presetId === "custom";

  return (
    <div className="wizard-body">
      <div className="field">
        <label htmlFor={ids.preset} className="field-label">
          Provider
        </label>
        <ProviderSelect id={ids.preset} value={presetId} onChoose={choose} />
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
          ref={keyField}
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
      <ModelTestStatus
        state={hello.state}
        idleText={
          saving
            ? "Saving…"
            : unchanged
              ? `Pinch uses ${saved.ref}. Change something to try another model.`
              : "Save to try the model."
        }
        onCancel={hello.cancel}
        onRetry={() => void hello.run()}
        onChangeKey={() => {
          setApiKey("");
          keyField.current?.focus();
        }}
      />
      <StepActions>
        {unchanged ? (
          <Button variant="primary" onClick={onNext}>
            Keep this model
          </Button>
        ) : (
          <>
            <Button onClick={onNext}>{saved ? "Keep the saved model" : "Skip for now"}</Button>
            <Button variant="primary" disabled={busy || modelId.trim() === ""} onClick={() => void run()}>
              Save and say hello
            </Button>
          </>
        )}
      </StepActions>
    </div>
  );
}

function fieldOf(field: string | undefined): Field {
  if (field?.endsWith("baseUrl")) return "baseUrl";
  if (field?.endsWith("apiKey")) return "apiKey";
  // The model's name, or a problem with the choice as a whole.
  return "modelId";
}
