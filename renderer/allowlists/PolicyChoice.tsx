import { useId } from "react";
import { FieldMessage } from "../ui/FieldMessage.tsx";

export interface PolicyOption<T extends string> {
  value: T;
  label: string;
  detail: string;
  /** Said at the choice while it is chosen: what it exposes. */
  warning?: string;
}

/** One decision as a set of radio buttons with a sentence each, saved as soon as it is chosen. */
export function PolicyChoice<T extends string>(props: {
  legend: string;
  options: readonly PolicyOption<T>[];
  value: T;
  error: string | undefined;
  onChoose: (value: T) => void;
}) {
  const name = useId();
  const messageId = useId();
  const warning = props.options.find((option) => option.value === props.value)?.warning;
  return (
    <fieldset className="radio-list group" aria-describedby={messageId}>
      <legend className="visually-hidden">{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value} className="radio-option">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={props.value === option.value}
            onChange={() => props.onChoose(option.value)}
          />
          <span>
            <span className="row-title">{option.label}</span>
            <span className="row-detail"> — {option.detail}</span>
          </span>
        </label>
      ))}
      {warning ? (
        <p className="radio-option policy-warning" role="note">
          ⚠︎ {warning}
        </p>
      ) : null}
      {props.error ? (
        <div className="radio-option">
          <FieldMessage id={messageId} error={props.error} />
        </div>
      ) : null}
    </fieldset>
  );
}
