/**
 * Views of the Pinch window that the menu bar opens directly. The window is loaded with the view
 * as its URL fragment (`index.html#view=pairing&request=N`), and a fragment change on an open window is an
 * in-page navigation the page hears as `hashchange`.
 */
export const windowViews = ["status", "pairing", "reminders", "setup", "logs"] as const;
export type WindowView = (typeof windowViews)[number];
