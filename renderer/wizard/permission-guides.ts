import type { SetupCheckId } from "../../app/ipc/setup-schemas.ts";

/** What one permission step says: the ask, the waiting and failed states, and what skipping costs. */
export interface PermissionGuide {
  intro: string;
  waiting: string;
  /** What a failed check is called here: a missing program is not a refused permission. */
  failed: string;
  /** Shown when the check has not answered for a while, instead of a silent spinner. */
  slow: string;
  /** The label of the way past, saying what will not work. */
  skip: string;
  /** What the Done step says about a skipped step: what does not work, and where to fix it later. */
  skipped: string;
}

export const permissionGuides: Record<SetupCheckId, PermissionGuide> = {
  "messages-signed-in": {
    intro:
      "The assistant answers from the Apple Account that Messages on this Mac is signed in to. Open Messages and turn on iMessage in Messages → Settings → iMessage.",
    waiting: "Waiting for Messages to be signed in…",
    failed: "Messages is not signed in to iMessage yet",
    slow: "Messages is taking a while to answer. If it shows a window or a prompt, finish that there, then choose Check again.",
    skip: "Skip — the assistant can't answer until Messages is signed in",
    skipped:
      "Messages is not signed in to iMessage, so nobody gets an answer until it is (Messages → Settings → iMessage).",
  },
  "imsg-installed": {
    intro: "Pinch reads and sends messages through a small program, imsg.",
    waiting: "Looking for imsg…",
    failed: "imsg is not installed yet",
    slow: "imsg is taking a while to answer. If it was just installed, choose Check again.",
    skip: "Skip — Pinch can't read or send messages until imsg is installed",
    skipped: "imsg is not installed, so Pinch can't read or send messages. Run setup again to install it.",
  },
  "full-disk-access": {
    intro:
      "Messages keeps its history in a protected folder. In System Settings → Privacy & Security → Full Disk Access, turn on Pinch.",
    waiting: "Waiting for Full Disk Access…",
    failed: "Not allowed yet",
    slow: "Reading the Messages folder is taking a while. Choose Check again; if it still hangs, quit and reopen Pinch.",
    skip: "Skip — Pinch can't read new messages until it has Full Disk Access",
    skipped:
      "Full Disk Access is off, so Pinch can't read new messages. Turn on Pinch in System Settings → Privacy & Security → Full Disk Access, then quit and reopen Pinch.",
  },
  automation: {
    intro:
      "To send replies, Pinch asks Messages to send them. macOS asks once whether Pinch may control Messages: click OK.",
    waiting: "Waiting for permission to control Messages…",
    failed: "Not allowed yet",
    slow: "macOS is probably showing a prompt about Pinch and Messages; it can hide behind other windows. Click OK there. If no prompt appears, use Open System Settings.",
    skip: "Skip — Pinch won't be able to send replies until it may control Messages",
    skipped:
      "Pinch may not control Messages, so it can't send replies. Allow it in System Settings → Privacy & Security → Automation → Pinch → Messages.",
  },
};
