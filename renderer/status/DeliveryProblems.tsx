import type { AccountStatusView } from "../../app/ipc/view-schemas.ts";

type DeliveryProblem = NonNullable<AccountStatusView["deliveryProblems"]>[number];

/** Replies that did not reach their chat, newest last, each with the reason imsg or Messages gave. */
export function DeliveryProblems({ problems }: { problems: readonly DeliveryProblem[] }) {
  return (
    <ul className="delivery-problems" aria-label="Replies that may not have arrived">
      {problems.map((problem) => (
        <li key={`${problem.at} ${problem.chatId} ${problem.reason}`} className="delivery-problem">
          <p className="delivery-problem-title">
            A reply to chat {problem.chatId}{" "}
            {problem.kind === "failed" ? "did not arrive" : "may not have arrived"} ({when(problem.at)})
          </p>
          <p className="account-detail">{problem.reason}</p>
        </li>
      ))}
    </ul>
  );
}

function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
