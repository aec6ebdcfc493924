import { z } from "zod";

/** One config key the import writes, with what the reader should know about it. */
const ConfigSetSchema = z.object({
  keyPath: z.string(),
  /** The value as JSON text (never a key: secrets become `env:` references first). */
  value: z.string(),
  note: z.string().optional(),
});

/** A key both configs set differently: Pinch's value stays. */
const ConfigKeptSchema = z.object({ keyPath: z.string(), pinch: z.string(), openclaw: z.string() });

const AccountApprovalsSchema = z.object({
  /** Pinch's account the approvals go to. */
  account: z.string(),
  /** The account's pairing store. */
  path: z.string(),
  /** Senders to approve, as Pinch writes them (E.164 or a lower-case email). */
  add: z.array(z.string()),
  /** Senders Pinch had approved already. */
  already: z.number().int(),
  skipped: z.array(z.object({ entry: z.string(), reason: z.string() })),
  note: z.string().optional(),
});

/** What `pinch import openclaw` (and the wizard's import step) will write, or wrote. */
export const ImportReportSchema = z.object({
  from: z.string(),
  configPath: z.string(),
  config: z.object({
    set: z.array(ConfigSetSchema),
    kept: z.array(ConfigKeptSchema),
    /** Reference keys Pinch does not support, left out of Pinch's config. */
    leftOut: z.array(z.string()),
    /** Why the merged config would be refused; nothing is written while there are any. */
    errors: z.array(z.string()),
  }),
  approvals: z.array(AccountApprovalsSchema),
  /** OpenClaw's pending pairing requests, not imported. */
  pending: z.number().int(),
  /** Files that could not be read. */
  problems: z.array(z.string()),
  applied: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;
export type AccountApprovals = z.infer<typeof AccountApprovalsSchema>;

/** Whether applying the report would change anything. */
export function importHasChanges(report: ImportReport): boolean {
  return report.config.set.length > 0 || report.approvals.some((account) => account.add.length > 0);
}
