import { useId, useRef, useState } from "react";
import { type ModelPresetId, modelPresets } from "../../app/agent/model-presets.ts";
import type { IpcError } from "../../app/ipc/ipc-result.ts";
import { useModelSetup } from "../bridge/hooks.ts";
import { ModelTestStatus } from "../model/ModelTestStatus.tsx";
import { ProviderSelect } from "../model/ProviderSelect.tsx";
import { useModelTest } from "../model/use-model-test.ts";
import { Button } from "../ui/Button.tsx";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { Group } from "../ui/Group.tsx";
import { FallbackModels } from "./FallbackModels.tsx";
import { readModelSettings } from "./model-settings.ts";

type Field = "modelId" | "baseUrl" | "apiKey";

/**
 * The model the assistant answers with, changed without the setup assistant: provider, model,
 * server address, key (kept in the keychain through `model.save`, never shown), a live test with
 * Cancel, and the fallbacks. Saving touches only the model's own keys.
 */
export function ModelSection({ raw, onSaved }: { raw: Record<string, unknown>; onSaved: () => void }) {
  const current = readModelSettings(raw);
  const { save } = useModelSetup();
  const hello = useModelTest();
  const [presetId, setPresetId] = useState<ModelPresetId>(current.preset ?? "anthropic");
  const preset = modelPresets.find((candidate) => candidate.id === presetId);
  const [modelId, setModelId] = useState(current.preset ? current.modelId : (preset?.model ?? ""));
  const [baseUrl, setBaseUrl] = useState(current.baseUrl ?? preset?.baseUrl ?? "");
  const savedKey = presetId === current.preset && current.key !== "none" ? current.key : undefined;
  const [changingKey, setChangingKey] = useState(false);
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<{ field: Field; error: IpcError } | undefined>();
  const [note, setNote] = useState("");
  const keyField = useRef<HTMLInputElement>(null);
  const ids = { preset: useId(), model: useId(), url: useId(), key: useId() };

  const choose = (id: ModelPresetId) => {
    const next = modelPresets.find((candidate) => candidate.id === id);
    setPresetId(id);
    setModelId(id === current.preset ? current.modelId : (next?.model ?? ""));
    setBaseUrl((id === current.preset ? current.baseUrl : undefined) ?? next?.baseUrl ?? "");
    setError(undefined);
    setNote("");
  };
  const changeKey = () => {
    setChangingKey(true);
    setApiKey("");
    // The field appears with this render; focus it once it is there.
    window.setTimeout(() => keyField.current?.focus(), 0);
  };

  const saveChoice = async () => {
    setError(undefined);
    setNote("");
    hello.reset();
    const saved = await save({
      preset: presetId,
      modelId,
      ...(baseUrl.trim() ? { baseUrl } : {}),
      ...(apiKey ? { apiKey } : {}),
    });
    if (!saved.ok) return setError({ field: fieldOf(saved.error.field), error: saved.error });
    setApiKey("");
    setChangingKey(false);
    setNote(`Saved: the assistant answers with ${saved.data.ref}.`);
    onSaved();
  };

  const errorFor = (field: Field) => (error?.field === field ? error.error : undefined);
  const showUrl = preset?.baseUrl !== undefined || presetId === "custom";
  const showKeyInput = savedKey === undefined || changingKey;
  const keyError = errorFor("apiKey");

  return (
    <Group id="model-title" title="Model" lead="The AI that writes the assistant's replies.">
      <div className="row">
        <div className="field row-main">
          <label htmlFor={ids.preset} className="row-title">
            Provider
          </label>
          <ProviderSelect id={ids.preset} value={presetId} onChoose={choose} />
          <p className="field-ok">
            {current.providerId && current.preset === undefined
              ? `The config file names the provider "${current.providerId}"; saving here replaces it.`
              : ""}
          </p>
        </div>
      </div>
      <div className="row">
        <div className="field row-main">
          <label htmlFor={ids.model} className="row-title">
            Model
          </label>
          <input
            id={ids.model}
            className="input"
            value={modelId}
            aria-invalid={errorFor("modelId") !== undefined}
            aria-describedby={`${ids.model}-message`}
            onChange={(event) => setModelId(event.target.value)}
          />
          <FieldOutcome
            id={`${ids.model}-message`}
            error={errorFor("modelId")}
            hint="The model's name at the provider."
          />
        </div>
      </div>
      {showUrl ? (
        <div className="row">
          <div className="field row-main">
            <label htmlFor={ids.url} className="row-title">
              Server address
            </label>
            <input
              id={ids.url}
              className="input"
              value={baseUrl}
              placeholder="http://127.0.0.1:8080/v1"
              aria-invalid={errorFor("baseUrl") !== undefined}
              aria-describedby={`${ids.url}-message`}
              onChange={(event) => setBaseUrl(event.target.value)}
            />
            <FieldOutcome
              id={`${ids.url}-message`}
              error={errorFor("baseUrl")}
              hint="Where the compatible server answers."
            />
          </div>
        </div>
      ) : null}
      <div className="row">
        {showKeyInput ? (
          <div className="field row-main">
            <label htmlFor={ids.key} className="row-title">
              {savedKey ? "New API key" : `API key${preset?.needsKey ? "" : " (if the server needs one)"}`}
            </label>
            <input
              id={ids.key}
              ref={keyField}
              className="input"
              type="password"
              autoComplete="off"
              value={apiKey}
              aria-invalid={keyError !== undefined}
              aria-describedby={`${ids.key}-message`}
              onChange={(event) => setApiKey(event.target.value)}
            />
            <FieldOutcome
              id={`${ids.key}-message`}
              error={keyError}
              hint="Kept in your Mac's keychain, never in the config file."
            />
          </div>
        ) : (
          <>
            <div className="row-main">
              <p className="row-title">API key</p>
              <p className="row-detail">
                {savedKey === "keychain" ? "Saved in the keychain." : "Set in the config file."}
              </p>
            </div>
            <Button onClick={changeKey}>Change key</Button>
          </>
        )}
      </div>
      <div className="row">
        <div className="row-main">
          <ModelTestStatus
            state={hello.state}
            idleText={note || "Test asks the saved model to say hello."}
            onCancel={hello.cancel}
            onRetry={() => void hello.run()}
            onChangeKey={changeKey}
          />
        </div>
      </div>
      <div className="row">
        <div className="toolbar-row">
          <Button variant="primary" disabled={modelId.trim() === ""} onClick={() => void saveChoice()}>
            Save model
          </Button>
          <Button disabled={hello.state.kind === "waiting"} onClick={() => void hello.run()}>
            Test
          </Button>
        </div>
      </div>
      <FallbackModels raw={raw} current={current} onSaved={onSaved} />
    </Group>
  );
}

/** The field's error as the core worded it (with Details), else its hint. */
function FieldOutcome({ id, error, hint }: { id: string; error: IpcError | undefined; hint: string }) {
  return error ? <ErrorNote id={id} error={error} /> : <FieldMessage id={id} hint={hint} />;
}

function fieldOf(field: string | undefined): Field {
  if (field?.endsWith("baseUrl")) return "baseUrl";
  if (field?.endsWith("apiKey")) return "apiKey";
  return "modelId";
}
