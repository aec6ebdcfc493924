import { useId } from "react";
import { mentionPatternOfWord, wordOfMentionPattern } from "../../app/config/mention-words.ts";
import { type useConfigEdit, useConfigView } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { Disclosure } from "../ui/Disclosure.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { useDraft } from "../ui/use-draft.ts";

const KEY_PATH = "messages.groupChat.mentionPatterns";

function currentPatterns(raw: Record<string, unknown>): string[] | undefined {
  const patterns = (raw.messages as { groupChat?: { mentionPatterns?: unknown } } | undefined)?.groupChat
    ?.mentionPatterns;
  return Array.isArray(patterns) ? patterns.map(String) : undefined;
}

/** The saved patterns as the words they stand for, and the ones that are real regular expressions. */
function split(patterns: readonly string[]): { words: string; advanced: string } {
  const words: string[] = [];
  const advanced: string[] = [];
  for (const pattern of patterns) {
    const word = wordOfMentionPattern(pattern);
    if (word === undefined) advanced.push(pattern);
    else words.push(word);
  }
  return { words: words.join(", "), advanced: advanced.join("\n") };
}

function patternsOf(words: string, advanced: string): string[] {
  const fromWords = words
    .split(",")
    .map((word) => word.trim())
    .filter((word) => word !== "")
    .map(mentionPatternOfWord);
  const raw = advanced
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return [...fromWords, ...raw];
}

/**
 * How a person mentions the assistant in a group: words or names, saved as the patterns the core
 * matches. Patterns the window did not write stay editable as patterns, under Advanced.
 */
export function MentionPatternsEditor({ edit }: { edit: ReturnType<typeof useConfigEdit> }) {
  const view = useConfigView();
  const saved = split((view.kind === "ready" ? currentPatterns(view.data.raw) : undefined) ?? []);
  const [words, setWords] = useDraft(saved.words);
  const [advanced, setAdvanced] = useDraft(saved.advanced);
  const wordsId = useId();
  const advancedId = useId();
  const messageId = useId();
  const error = edit.errorFor(KEY_PATH);
  const changed = words !== saved.words || advanced !== saved.advanced;

  const save = () => {
    const patterns = patternsOf(words, advanced);
    return patterns.length === 0
      ? edit.remove(KEY_PATH, KEY_PATH)
      : edit.save(KEY_PATH, { keyPath: KEY_PATH, value: patterns });
  };
  const typed = (set: (text: string) => void) => (text: string) => {
    set(text);
    edit.clearError(KEY_PATH);
  };

  return (
    <section aria-labelledby="mention-title">
      <h2 id="mention-title" className="group-title">
        Mentioning the assistant
      </h2>
      <p className="section-lead">
        In a group that requires a mention, the assistant answers a message that contains one of these words
        or names, in any case and with or without an @: with “Pinch”, “pinch, what time is it?” is answered
        and “what time is it?” is not. A word inside a longer word does not count.
      </p>
      <div className="group">
        <div className="row">
          <div className="field row-main">
            <label htmlFor={wordsId} className="field-label">
              Mention words
            </label>
            <input
              id={wordsId}
              className="input"
              value={words}
              aria-invalid={error !== undefined}
              aria-describedby={messageId}
              placeholder="Pinch, Claw"
              onChange={(event) => typed(setWords)(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter" && changed) void save();
              }}
            />
            <FieldMessage
              id={messageId}
              error={error}
              hint="Separate words with commas. Empty uses the assistant's name; with no name either, groups that require a mention are answered on every message."
            />
          </div>
          <Button
            aria-label="Save mention words"
            disabled={!changed || edit.busy}
            onClick={() => void save()}
          >
            Save
          </Button>
        </div>
        <Disclosure summary="Advanced: regular expressions">
          <div className="field">
            <label htmlFor={advancedId} className="field-label">
              Mention patterns
            </label>
            <textarea
              id={advancedId}
              className="textarea mono"
              rows={2}
              value={advanced}
              aria-invalid={error !== undefined}
              aria-describedby={messageId}
              placeholder="One regular expression per line, e.g. \bclaw(bot)?\b"
              onChange={(event) => typed(setAdvanced)(event.target.value)}
            />
          </div>
        </Disclosure>
      </div>
    </section>
  );
}
