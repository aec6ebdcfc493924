/**
 * The setup side of the contract: the wizard's checks, System Settings panes, the app's
 * preferences and the SSH setup of a bot user. Part of the contract (contract.ts).
 */
import { z } from "zod";
import { AccountIdSchema } from "../config/account-id.ts";

export const SetupCheckIdSchema = z.enum([
  "messages-signed-in",
  "imsg-installed",
  "full-disk-access",
  "automation",
]);
export type SetupCheckId = z.infer<typeof SetupCheckIdSchema>;
export const CheckStateSchema = z.enum(["granted", "denied", "not-determined", "not-applicable"]);
export const SetupCheckSchema = z.object({
  id: SetupCheckIdSchema,
  state: CheckStateSchema,
  /** What was found, in a sentence (the reason for `not-applicable`, the error for `denied`). */
  detail: z.string().optional(),
  fix: z.string().optional(),
  /** The System Settings pane that holds the switch this check waits for. */
  pane: z.enum(["full-disk-access", "automation"]).optional(),
  /** For `imsg-installed`: Homebrew is there, so Pinch can install imsg with it. */
  homebrew: z.boolean().optional(),
  /** The machine text behind `detail` when Pinch reworded it (an error code, osascript's words). */
  raw: z.string().optional(),
});
export type SetupCheck = z.infer<typeof SetupCheckSchema>;

export const SettingsPaneSchema = z.enum(["full-disk-access", "automation", "login-items"]);
export type SettingsPane = z.infer<typeof SettingsPaneSchema>;

export const PrefsSchema = z.object({
  startAtLogin: z.boolean(),
  firstRunDone: z.boolean(),
  /** Messages are read and settled, but nobody is answered (also in the menu bar). */
  pauseReplies: z.boolean(),
  /** A notification with Approve and Dismiss for each new pairing request. */
  pairingNotifications: z.boolean(),
  /** Message text kept in the log file for a bug report; secrets stay masked. */
  verboseLogging: z.boolean(),
});
export type Prefs = z.infer<typeof PrefsSchema>;

export const SshSetupRequestSchema = z.object({
  /** `user@host` of the bot user (this Mac) or the remote Mac. */
  destination: z.string().trim().min(3).max(300),
  port: z.number().int().min(1).max(65535),
  accountId: AccountIdSchema,
  name: z.string().max(80).optional(),
  /** The Messages database as that user sees it. */
  dbPath: z.string().trim().min(1, { error: "give the path of that user's chat.db" }).max(1000),
  /** imsg's full path there (SSH commands do not get the login shell's PATH). */
  remoteImsg: z.string().max(1000).optional(),
  /** A second user on this Mac rather than another Mac. */
  localBot: z.boolean(),
  botHome: z.string().max(500).optional(),
  sendTo: z.string().max(300).optional(),
  /** The fingerprint the user confirmed; without it an unknown host key stops the setup. */
  fingerprint: z.string().max(200).optional(),
  /** Install Pinch's key for the local bot user (behind the administrator prompt on a Mac). */
  installKey: z.boolean().optional(),
});
export type SshSetupRequest = z.infer<typeof SshSetupRequestSchema>;

export const SshStepSchema = z.object({
  step: z.string(),
  status: z.enum(["passed", "failed", "skipped", "confirm"]),
  message: z.string(),
  fix: z.string().optional(),
  /** The machine text behind `message` when Pinch reworded it (ssh's own words). */
  raw: z.string().optional(),
  /** A command the user (or Pinch, for a local bot) must run, e.g. to authorise Pinch's key. */
  command: z.string().optional(),
});
export type SshStep = z.infer<typeof SshStepSchema>;

export const SshSetupResultSchema = z.object({
  steps: z.array(SshStepSchema),
  /** Set when the host key waits for the user's confirmation. */
  fingerprint: z.string().optional(),
  keyRefused: z.boolean().optional(),
  saved: z.boolean(),
});
export type SshSetupResult = z.infer<typeof SshSetupResultSchema>;
