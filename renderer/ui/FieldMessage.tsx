/** The line under a field: the core's error for it, else a hint; always present so nothing jumps. */
export function FieldMessage({
  id,
  error,
  hint,
}: {
  id: string;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  if (error) {
    return (
      <p id={id} className="field-error" role="alert">
        {error}
      </p>
    );
  }
  return (
    <p id={id} className="field-ok">
      {hint ?? ""}
    </p>
  );
}
