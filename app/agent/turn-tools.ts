import { type StepResult, stepCountIs, type ToolSet } from "ai";

/** What one model request may use beyond text: the turn's tools, and who hears of a refused call. */
export interface ModelCallOptions {
  /** The tools this turn offers the model; none for a sender who may use none. */
  tools?: ToolSet;
  /** A call of a tool the turn did not offer: never run, reported here (by name only). */
  onToolRefused?: (toolName: string) => void;
}

/** Enough steps to call a tool or two and answer from the results; a model can never loop on tools. */
export const MAX_TOOL_STEPS = 4;

/** What a sender hears when the model asked for a tool they may not use, and nothing else was said. */
export const TOOL_REFUSAL = "Sorry, I can't do that here: reminders and catch-ups are for the owner.";

/** The request options that offer the tools, if any. */
export function toolRequestOptions(options: ModelCallOptions): {
  tools?: ToolSet;
  stopWhen?: ReturnType<typeof stepCountIs>;
} {
  const tools = options.tools;
  if (!tools || Object.keys(tools).length === 0) return {};
  return { tools, stopWhen: stepCountIs(MAX_TOOL_STEPS) };
}

/**
 * The answer after any refused tool calls: each is reported; when the model said nothing besides
 * asking for the tool, the sender is told plainly instead of getting an empty reply.
 */
export function answerAfterRefusals(
  text: string,
  steps: StepResult<ToolSet>[],
  options: ModelCallOptions,
): string {
  const offered = new Set(Object.keys(options.tools ?? {}));
  const refused = steps
    .flatMap((step) => step.content)
    .filter((part) => part.type === "tool-call" && !offered.has(part.toolName))
    .map((part) => (part as { toolName: string }).toolName);
  for (const name of refused) options.onToolRefused?.(name);
  return refused.length > 0 && !text.trim() ? TOOL_REFUSAL : text;
}
