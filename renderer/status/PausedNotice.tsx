import { useState } from "react";
import { useSetPrefs } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { Notice } from "./Notice.tsx";

/** Paused replies are the user's own choice, so the way back is right here, not only in the menu bar. */
export function PausedNotice() {
  const setPrefs = useSetPrefs();
  const [error, setError] = useState("");
  const resume = async () => {
    const result = await setPrefs({ pauseReplies: false });
    setError(result.ok ? "" : result.error.message);
  };
  return (
    <Notice id="replies-paused-title" kind="paused" title="Replies paused">
      <p className="notice-text">
        Messages still arrive, but the assistant answers nobody until you resume. Pairing codes are still
        sent.
      </p>
      <div className="notice-actions">
        <Button variant="primary" onClick={() => void resume()}>
          Resume replies
        </Button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </Notice>
  );
}
