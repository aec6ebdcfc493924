import { type ModelPresetId, modelPresets } from "../../app/agent/model-presets.ts";

/** The providers Pinch knows, by name; the wizard's Model step and Settings' Model section share it. */
export function ProviderSelect({
  id,
  value,
  onChoose,
}: {
  id: string;
  value: ModelPresetId;
  onChoose: (id: ModelPresetId) => void;
}) {
  return (
    <select
      id={id}
      className="select"
      value={value}
      onChange={(event) => onChoose(event.target.value as ModelPresetId)}
    >
      {modelPresets.map((item) => (
        <option key={item.id} value={item.id}>
          {item.label}
        </option>
      ))}
    </select>
  );
}
