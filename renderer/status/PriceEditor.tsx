import { useId, useState } from "react";
import { formatKeyPath } from "../../app/config/key-path.ts";
import {
  BUILT_IN_PRICES,
  type ModelPrice,
  ModelPriceSchema,
  PRICES_AS_OF,
} from "../../app/usage/model-prices.ts";
import { useConfigEdit, useConfigView } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";

const RATES = [
  { key: "input", label: "Input" },
  { key: "cacheRead", label: "Cached input" },
  { key: "cacheWrite", label: "Cache write" },
  { key: "output", label: "Output" },
] as const;
type Rate = (typeof RATES)[number]["key"];
type Draft = Record<Rate, string>;

const MODEL_REF = /^[^/\s]+\/\S+$/;

/**
 * The price table behind the cost estimate: one model's dollars per million tokens, saved to
 * `models.prices` in the config; "Use list price" removes the override again.
 */
export function PriceEditor({ initialRef }: { initialRef: string }) {
  const config = useConfigView();
  const edit = useConfigEdit(config.kind === "ready" ? config.reload : undefined);
  const configured = configuredPrices(config.kind === "ready" ? config.data.raw : {});
  const [ref, setRef] = useState(initialRef);
  const [draft, setDraft] = useState<Draft>(() =>
    draftOf(configured[initialRef] ?? BUILT_IN_PRICES[initialRef]),
  );
  const [problems, setProblems] = useState<Partial<Record<Rate | "ref", string>>>({});
  const [saved, setSaved] = useState("");
  const id = useId();

  const choose = (next: string) => {
    setRef(next);
    setDraft(draftOf(configured[next] ?? BUILT_IN_PRICES[next]));
    setProblems({});
    setSaved("");
  };
  const save = async () => {
    setSaved("");
    const found = readDraft(ref, draft);
    setProblems(found.problems);
    if (!found.price) return;
    const ok = await edit.patch("prices", [
      { keyPath: formatKeyPath(["models", "prices", ref]), value: found.price },
    ]);
    if (ok) setSaved(`Saved the price of ${ref}.`);
  };
  const restoreListPrice = async () => {
    const ok = await edit.remove("prices", formatKeyPath(["models", "prices", ref]));
    if (ok) {
      setDraft(draftOf(BUILT_IN_PRICES[ref]));
      setSaved(BUILT_IN_PRICES[ref] ? `${ref} uses its list price again.` : `${ref} has no price now.`);
    }
  };

  return (
    <div className="price-editor">
      <p className="status-line-detail">
        US dollars per million tokens. Built-in list prices are from {PRICES_AS_OF}; what you save here wins.
      </p>
      <div className="field">
        <label htmlFor={`${id}-ref`} className="row-title">
          Model
        </label>
        <input
          id={`${id}-ref`}
          className="input mono"
          list={`${id}-models`}
          value={ref}
          aria-invalid={problems.ref !== undefined}
          aria-describedby={`${id}-ref-message`}
          onChange={(event) => choose(event.target.value.trim())}
        />
        <datalist id={`${id}-models`}>
          {[...new Set([...Object.keys(configured), ...Object.keys(BUILT_IN_PRICES)])].map((known) => (
            <option key={known} value={known} />
          ))}
        </datalist>
        <FieldMessage
          id={`${id}-ref-message`}
          error={problems.ref}
          hint="As the config names it: provider/model."
        />
      </div>
      <div className="price-rates">
        {RATES.map((rate) => (
          <div className="field" key={rate.key}>
            <label htmlFor={`${id}-${rate.key}`} className="row-title">
              {rate.label}
            </label>
            <input
              id={`${id}-${rate.key}`}
              className="input"
              inputMode="decimal"
              value={draft[rate.key]}
              aria-invalid={problems[rate.key] !== undefined}
              aria-describedby={`${id}-${rate.key}-message`}
              onChange={(event) => setDraft({ ...draft, [rate.key]: event.target.value })}
            />
            <FieldMessage id={`${id}-${rate.key}-message`} error={problems[rate.key]} />
          </div>
        ))}
      </div>
      <div className="toolbar-row">
        <Button variant="primary" onClick={() => void save()} disabled={edit.busy}>
          Save price
        </Button>
        <Button onClick={() => void restoreListPrice()} disabled={edit.busy || configured[ref] === undefined}>
          Use list price
        </Button>
      </div>
      <FieldMessage id={`${id}-outcome`} error={edit.errorFor("prices")} hint={saved} />
    </div>
  );
}

function configuredPrices(raw: Record<string, unknown>): Record<string, ModelPrice> {
  const models = raw.models as { prices?: unknown } | undefined;
  const prices: Record<string, ModelPrice> = {};
  if (!models?.prices || typeof models.prices !== "object") return prices;
  for (const [ref, value] of Object.entries(models.prices)) {
    const parsed = ModelPriceSchema.safeParse(value);
    if (parsed.success) prices[ref] = parsed.data;
  }
  return prices;
}

function draftOf(price: ModelPrice | undefined): Draft {
  const text = (value: number | undefined) => (value === undefined ? "" : String(value));
  return {
    input: text(price?.input),
    output: text(price?.output),
    cacheRead: text(price?.cacheRead),
    cacheWrite: text(price?.cacheWrite),
  };
}

/** The draft as a price, or what is wrong with each field, in words. */
function readDraft(
  ref: string,
  draft: Draft,
): { price?: ModelPrice; problems: Partial<Record<Rate | "ref", string>> } {
  const problems: Partial<Record<Rate | "ref", string>> = {};
  if (!MODEL_REF.test(ref))
    problems.ref = 'Name the model as provider/model, for example "openai/gpt-5-mini".';
  const numbers: Partial<Record<Rate, number>> = {};
  for (const { key, label } of RATES) {
    const text = draft[key].trim();
    const optional = key === "cacheRead" || key === "cacheWrite";
    if (text === "" && optional) continue;
    const value = Number(text);
    if (text === "" || !Number.isFinite(value))
      problems[key] = `${label}: type a number of dollars, like 3 or 0.30.`;
    else numbers[key] = value;
  }
  const parsed = ModelPriceSchema.safeParse(numbers);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as Rate;
      problems[key] ??= `${RATES.find((rate) => rate.key === key)?.label ?? key}: ${issue.message}.`;
    }
  }
  return Object.keys(problems).length > 0 || !parsed.success
    ? { problems }
    : { price: parsed.data, problems };
}
