// The model providers the wizard offers, as the config writes them (models.providers.<id>). No zod:
// the window imports this list to draw its choices.

export const modelPresetIds = ["anthropic", "openai", "ollama", "lmstudio", "custom"] as const;
export type ModelPresetId = (typeof modelPresetIds)[number];

export interface ModelPreset {
  id: ModelPresetId;
  label: string;
  /** Suggested model id; the user may type another. */
  model: string;
  /** Built-in providers need none; local servers have a usual one. */
  baseUrl?: string;
  api?: "anthropic-messages" | "openai-completions" | "openai-responses";
  needsKey: boolean;
}

export const modelPresets: readonly ModelPreset[] = [
  { id: "anthropic", label: "Anthropic (Claude)", model: "claude-sonnet-4-5", needsKey: true },
  { id: "openai", label: "OpenAI", model: "gpt-5-mini", needsKey: true },
  {
    id: "ollama",
    label: "Ollama on this Mac",
    model: "llama3.2",
    baseUrl: "http://127.0.0.1:11434/v1",
    api: "openai-completions",
    needsKey: false,
  },
  {
    id: "lmstudio",
    label: "LM Studio on this Mac",
    model: "qwen2.5-7b-instruct",
    baseUrl: "http://127.0.0.1:1234/v1",
    api: "openai-completions",
    needsKey: false,
  },
  {
    id: "custom",
    label: "Another OpenAI-compatible server",
    model: "",
    api: "openai-completions",
    needsKey: false,
  },
];

/**
 * A provider as people know it ("Anthropic"), else its config id as written; none for the
 * unnamed compatible server, which sentences call "the server".
 */
export function providerName(providerId: string): string | undefined {
  if (providerId === "custom") return undefined;
  const preset = modelPresets.find((candidate) => candidate.id === providerId);
  return preset ? preset.label.replace(/ \(.*\)$/, "") : providerId;
}
