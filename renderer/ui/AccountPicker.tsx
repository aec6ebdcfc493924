import { useId } from "react";
import type { AccountView } from "../../app/ipc/view-schemas.ts";

export function AccountPicker({
  accounts,
  value,
  onChange,
}: {
  accounts: readonly AccountView[];
  value: string;
  onChange: (id: string) => void;
}) {
  const id = useId();
  return (
    <div className="toolbar-row">
      <label htmlFor={id} className="field-label">
        Account
      </label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.name ?? account.id}
          </option>
        ))}
      </select>
    </div>
  );
}
