import type { SetupCheckId } from "../../app/ipc/setup-schemas.ts";

export type StepId =
  | "welcome"
  | "import"
  | "messages"
  | "imsg"
  | "full-disk-access"
  | "automation"
  | "consent"
  | "who"
  | "groups"
  | "model"
  | "test"
  | "done";

export interface StepInfo {
  id: StepId;
  /** Short name in the progress list. */
  label: string;
  title: string;
}

export const steps: readonly StepInfo[] = [
  { id: "welcome", label: "Welcome", title: "Welcome to Pinch" },
  // Only when OpenClaw's state directory exists (Wizard leaves it out otherwise).
  { id: "import", label: "OpenClaw", title: "Bring over OpenClaw" },
  // The sign-in check asks Messages through AppleScript, and the first Apple Event to Messages is
  // what raises macOS's Automation prompt. So it comes after the Automation step, which explains
  // that prompt and waits for its answer; before it, nothing talks to Messages. (Reading sign-in
  // from Messages' own files instead would need Full Disk Access and private file formats.)
  { id: "imsg", label: "imsg", title: "Install imsg" },
  { id: "full-disk-access", label: "Full Disk Access", title: "Let Pinch read your messages" },
  { id: "automation", label: "Automation", title: "Let Pinch send messages" },
  { id: "messages", label: "Messages", title: "Sign in to Messages" },
  { id: "consent", label: "Before you start", title: "The assistant answers as you" },
  { id: "who", label: "Who it answers", title: "Who should the assistant answer?" },
  { id: "groups", label: "Groups", title: "Group chats" },
  { id: "model", label: "Model", title: "Choose the model" },
  { id: "test", label: "Test message", title: "Send yourself a test message" },
  { id: "done", label: "Done", title: "Pinch is ready" },
];

/** The permission steps and the check each one waits for. */
export const checkOfStep: Partial<Record<StepId, SetupCheckId>> = {
  messages: "messages-signed-in",
  imsg: "imsg-installed",
  "full-disk-access": "full-disk-access",
  automation: "automation",
};
