import { useDeferredValue, useId, useMemo, useState } from "react";
import type { LogLine } from "../../app/ipc/view-schemas.ts";
import { useLogLines } from "./use-log-lines.ts";
import "./logs.css";

const levelRank: Record<LogLine["level"], number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function LogsScreen() {
  const lines = useLogLines();
  const [level, setLevel] = useState<LogLine["level"]>("info");
  const [account, setAccount] = useState("");
  const [text, setText] = useState("");
  const query = useDeferredValue(text.trim().toLowerCase());
  const levelId = useId();
  const accountId = useId();
  const accounts = useMemo(
    () => [...new Set(lines.flatMap((line) => (line.account ? [line.account] : [])))],
    [lines],
  );
  const shown = lines.filter(
    (line) =>
      levelRank[line.level] >= levelRank[level] &&
      (account === "" || line.account === account) &&
      (query === "" || formatLine(line).toLowerCase().includes(query)),
  );

  return (
    <div className="screen logs-screen">
      <div className="toolbar-row">
        <label htmlFor={levelId} className="field-label">
          Level
        </label>
        <select
          id={levelId}
          className="select"
          value={level}
          onChange={(event) => setLevel(event.target.value as LogLine["level"])}
        >
          <option value="debug">Everything</option>
          <option value="info">Info and above</option>
          <option value="warn">Warnings and errors</option>
          <option value="error">Errors only</option>
        </select>
        <label htmlFor={accountId} className="field-label">
          Account
        </label>
        <select
          id={accountId}
          className="select"
          value={account}
          onChange={(event) => setAccount(event.target.value)}
        >
          <option value="">All accounts</option>
          {accounts.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <input
          className="input"
          type="search"
          aria-label="Filter log lines"
          placeholder="Filter"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <span className="row-detail" role="status">
          {shown.length} of {lines.length} lines
        </span>
      </div>
      <ol className="group log-view" aria-label="Log lines" aria-live="polite">
        {shown.map((line) => (
          <li key={line.seq} className="log-line mono" data-level={line.level}>
            <span className="log-time">{line.time.slice(11, 19)}</span>{" "}
            <span className="log-level">{line.level.toUpperCase()}</span>{" "}
            {line.account ? <span className="log-account">[{line.account}] </span> : null}
            {formatLine(line)}
          </li>
        ))}
      </ol>
    </div>
  );
}

function formatLine(line: LogLine): string {
  const fields = Object.entries(line.fields)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  return fields ? `${line.message} ${fields}` : line.message;
}
