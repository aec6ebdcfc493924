import { useEffect, useState } from "react";
import { type WindowView, windowViews } from "../../app/menubar/window-view.ts";

/** The view the menu bar asked for in the page's fragment (`#view=pairing`), if any. */
export function readRequestedView(hash: string): WindowView | undefined {
  const view = new URLSearchParams(hash.replace(/^#/, "")).get("view");
  return windowViews.find((candidate) => candidate === view);
}

export interface ViewRequest {
  view: WindowView | undefined;
  /** Grows with every request, so asking twice for the same view still moves the window there. */
  serial: number;
}

/**
 * Follows the menu bar's requests: the fragment the window was opened with, and each later
 * fragment change (an open window is sent to a view as an in-page navigation).
 */
export function useRequestedView(): ViewRequest {
  const [request, setRequest] = useState<ViewRequest>(() => ({
    view: readRequestedView(window.location.hash),
    serial: 0,
  }));
  useEffect(() => {
    const follow = () =>
      setRequest((previous) => ({
        view: readRequestedView(window.location.hash),
        serial: previous.serial + 1,
      }));
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  return request;
}
