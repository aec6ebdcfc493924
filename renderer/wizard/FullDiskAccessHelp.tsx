import { useState } from "react";
import { useRelaunch } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";

/** What the Full Disk Access list needs beyond the switch: adding Pinch, and a restart to take effect. */
export function FullDiskAccessHelp() {
  const relaunch = useRelaunch();
  const [note, setNote] = useState<{ text: string; problem: boolean } | undefined>();
  return (
    <div className="wizard-fixes">
      <p className="wizard-text">
        Pinch not in the list? Click + below the list, choose Pinch in your Applications folder, then turn it
        on.
      </p>
      <p className="wizard-text">
        macOS gives Pinch the access only after Pinch restarts. Once the switch is on, quit and reopen Pinch;
        setup carries on from the start and skips what is done.
      </p>
      <Button
        onClick={async () => {
          const result = await relaunch({});
          setNote(
            result.ok
              ? { text: "Pinch is quitting and will open again.", problem: false }
              : { text: result.error.message, problem: true },
          );
        }}
      >
        Quit &amp; Reopen
      </Button>
      {note ? (
        <p className="row-detail" role={note.problem ? "alert" : "status"}>
          {note.text}
        </p>
      ) : null}
    </div>
  );
}
