import type { AccountStatusView } from "../../app/ipc/view-schemas.ts";
import { describeWhen } from "../ui/human-time.ts";

type DeliveryProblem = NonNullable<AccountStatusView["deliveryProblems"]>[number];

/** Replies that did not reach their chat, newest last, each with the reason imsg or Messages gave. */
export function DeliveryProblems({ problems }: { problems: readonly DeliveryProblem[] }) {
  return (
    <ul className="delivery-problems" aria-label="Replies that may not have arrived">
      {problems.map((problem) => (
        <li key={`${problem.at} ${problem.chatId} ${problem.reason}`} className="delivery-problem">
          <p className="delivery-problem-title">
            A reply to chat {problem.chatId}{" "}
            {problem.kind === "failed" ? "did not arrive" : "may not have arrived"} (
            {describeWhen(problem.at)})
          </p>
          <p className="account-detail">{problem.reason}</p>
        </li>
      ))}
    </ul>
  );
}
