import type { GatewayStatus } from "../../app/ipc/view-schemas.ts";
import { describeWhen } from "../ui/human-time.ts";
import { useNow } from "../ui/use-now.ts";

/** Which model answers, and when it last answered or failed, in words. */
export function ModelSummary({ model, agent }: Pick<GatewayStatus, "model" | "agent">) {
  const now = useNow(30_000);
  const success = agent?.lastSuccess;
  const error = agent?.lastError;
  return (
    <section className="group status-line" aria-labelledby="model-in-use-title">
      <div className="status-line-text">
        <h2 id="model-in-use-title" className="visually-hidden">
          Model
        </h2>
        <p>
          {model ? (
            <>
              Model: <span className="mono">{model.ref}</span>
              {model.fallbacks.length > 0 ? (
                <span className="status-line-detail"> (then {model.fallbacks.join(", ")})</span>
              ) : null}
            </>
          ) : (
            "No model set up"
          )}
        </p>
        {success || error ? (
          <p className="status-line-detail">
            {success ? `Last answered ${describeWhen(success.at, now)}` : "No answer yet"}
            {error ? ` · last failed ${describeWhen(error.at, now)}` : ""}
          </p>
        ) : null}
      </div>
    </section>
  );
}
