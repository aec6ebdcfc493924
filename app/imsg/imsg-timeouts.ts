/**
 * How long Pinch waits for imsg, named once. The numbers are not guesses:
 * each says what imsg is doing meanwhile.
 */
export const IMSG_TIMEOUTS = {
  /** An ordinary request (a ping, a page of history). */
  requestMs: 10_000,
  /** A health ping; a stalled child is found within one interval plus this. */
  healthPingMs: 10_000,
  healthIntervalMs: 10_000,
  /**
   * A send goes through AppleScript into Messages, which can take long; a
   * child that is stuck rather than slow is caught by the health ping.
   */
  sendMs: 120_000,
  /**
   * A read that walks a large chat.db: the first request after start (imsg
   * opens the database), listing chats, checking whether an interrupted send
   * landed. Waiting is not failing here.
   */
  slowReadMs: 120_000,
  /** A one-off check by a person (doctor, the window's chat list): answers within this or says why. */
  checkMs: 30_000,
  /** Ending a subscription on the way out; imsg is about to be closed anyway. */
  unsubscribeMs: 2_000,
  /** A child that needs a permission is tried again this often, so a grant takes effect soon after. */
  permissionRetryMs: 10_000,
  /** `imsg rpc --help` before a start: a local imsg answers at once, a wrapper within one ssh connection. */
  rpcProbeMs: 10_000,
  /** An imsg too old for rpc is asked again this often (one short `rpc --help`), so an upgrade takes effect soon after. */
  upgradeRetryMs: 10_000,
} as const;
