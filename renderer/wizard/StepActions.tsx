import { createContext, type ReactNode, useContext } from "react";
import { createPortal } from "react-dom";

/** Where a step's actions go: the right of the wizard's footer row, beside Back. */
export const StepActionsSlot = createContext<HTMLElement | null>(null);

/**
 * A step's way on (Continue, Skip…), drawn in the wizard's footer so it sits in one row with Back at
 * any window size; inline until the footer is there.
 */
export function StepActions({ children }: { children: ReactNode }) {
  const slot = useContext(StepActionsSlot);
  return slot ? createPortal(children, slot) : <div className="toolbar-row">{children}</div>;
}
