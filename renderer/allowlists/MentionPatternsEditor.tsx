import { useId } from "react";
import { type useConfigEdit, useConfigView } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { useDraft } from "../ui/use-draft.ts";

const KEY_PATH = "messages.groupChat.mentionPatterns";

function currentPatterns(raw: Record<string, unknown>): string[] | undefined {
  const patterns = (raw.messages as { groupChat?: { mentionPatterns?: unknown } } | undefined)?.groupChat
    ?.mentionPatterns;
  return Array.isArray(patterns) ? patterns.map(String) : undefined;
}

/** What counts as mentioning the assistant in a group: one regular expression per line. */
export function MentionPatternsEditor({ edit }: { edit: ReturnType<typeof useConfigEdit> }) {
  const view = useConfigView();
  const saved = view.kind === "ready" ? currentPatterns(view.data.raw) : undefined;
  const savedText = (saved ?? []).join("\n");
  const [text, setText] = useDraft(savedText);
  const id = useId();
  const messageId = useId();
  const error = edit.errorFor(KEY_PATH);

  const save = () => {
    const patterns = text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    return patterns.length === 0
      ? edit.remove(KEY_PATH, KEY_PATH)
      : edit.save(KEY_PATH, { keyPath: KEY_PATH, value: patterns });
  };

  return (
    <div className="group row">
      <div className="field row-main">
        <label htmlFor={id} className="field-label">
          Mention patterns
        </label>
        <textarea
          id={id}
          className="textarea mono"
          rows={2}
          value={text}
          aria-invalid={error !== undefined}
          aria-describedby={messageId}
          placeholder="One regular expression per line, e.g. \bclaw\b (empty: the assistant's name)"
          onChange={(event) => {
            setText(event.target.value);
            edit.clearError(KEY_PATH);
          }}
        />
        <FieldMessage
          id={messageId}
          error={error}
          hint="Case does not matter. Empty uses the assistant's name; with no name either, a mention cannot be told apart, and groups that require one are answered on every message."
        />
      </div>
      <Button aria-label="Save mention patterns" disabled={text === savedText} onClick={() => void save()}>
        Save
      </Button>
    </div>
  );
}
