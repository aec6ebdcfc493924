import { useState } from "react";
import { useImsgSources, useInstallImsg } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";

/**
 * Every way to get imsg onto this Mac: Homebrew when it is there, else the releases page and a
 * file picker for the downloaded program, so a Mac without Homebrew is never a dead end.
 */
export function ImsgSources({ homebrew }: { homebrew: boolean }) {
  const install = useInstallImsg();
  const { openReleases, choose } = useImsgSources();
  const [note, setNote] = useState<{ text: string; problem: boolean } | undefined>();
  const say = (text: string, problem = false) => setNote({ text, problem });

  return (
    <div className="wizard-fixes">
      <p className="wizard-text">
        {homebrew
          ? "Pinch can install it with Homebrew in Terminal. You can also download it and choose the file."
          : "Download it from its releases page (imsg-macos.zip, then open the zip), then choose the imsg file here."}
      </p>
      <div className="toolbar-row">
        {homebrew ? (
          <Button
            variant="primary"
            onClick={async () => {
              const result = await install({});
              if (result.ok) say(`Terminal is running ${result.data.command}. Pinch checks again by itself.`);
              else say(result.error.message, true);
            }}
          >
            Install with Homebrew
          </Button>
        ) : null}
        <Button
          variant={homebrew ? "plain" : "primary"}
          onClick={async () => {
            const result = await openReleases({});
            if (result.ok) say("The imsg releases page is open in your browser.");
            else say(result.error.message, true);
          }}
        >
          Download imsg
        </Button>
        <Button
          onClick={async () => {
            say("Choose the imsg file; Pinch then checks that it runs as imsg…");
            const result = await choose({});
            if (!result.ok) say(result.error.message, true);
            else if (result.data.cliPath) say(`Pinch uses ${result.data.cliPath}.`);
            else setNote(undefined);
          }}
        >
          Choose imsg…
        </Button>
      </div>
      {note ? (
        <p className="row-detail" role={note.problem ? "alert" : "status"}>
          {note.text}
        </p>
      ) : null}
    </div>
  );
}
