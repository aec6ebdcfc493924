import type { SetupCheckId } from "../../app/ipc/setup-schemas.ts";
import { permissionGuides } from "./permission-guides.ts";

/** The permission steps skipped during setup, each with what does not work until it is fixed. */
export function SkippedChecks({ skipped }: { skipped: readonly SetupCheckId[] }) {
  if (skipped.length === 0) return null;
  return (
    <section className="skipped-checks" aria-labelledby="skipped-checks-title">
      <h2 id="skipped-checks-title" className="check-title">
        Skipped during setup
      </h2>
      <ul>
        {skipped.map((id) => (
          <li key={id}>{permissionGuides[id].skipped}</li>
        ))}
      </ul>
    </section>
  );
}
