import { useId } from "react";
import { FieldMessage } from "./FieldMessage.tsx";

/**
 * A labelled text field with the core's error under it. The error is the field's description, not
 * part of its label, so a screen reader names the field by its label alone and then reads the error.
 */
export function TextField({
  label,
  value,
  placeholder,
  error,
  onChange,
}: {
  label: string;
  value: string;
  placeholder?: string | undefined;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const messageId = useId();
  return (
    <div className="row field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        className="input"
        value={value}
        placeholder={placeholder}
        aria-invalid={error !== undefined}
        aria-describedby={error ? messageId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? <FieldMessage id={messageId} error={error} /> : null}
    </div>
  );
}
