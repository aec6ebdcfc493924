// The application menu. A menu-bar app shows no menu bar of its own, but macOS still routes
// ⌘C/⌘V/⌘Z through the application menu: without the Edit roles, copy and paste stop working in
// the window's text fields. Data only, so a unit test can check it.
import type { MenuItemConstructorOptions } from "electron";

export const applicationMenuTemplate = [
  {
    label: "Pinch",
    submenu: [
      { role: "about" },
      { type: "separator" },
      { role: "hide" },
      { role: "hideOthers" },
      { type: "separator" },
      { role: "quit" },
    ],
  },
  {
    label: "Edit",
    submenu: [
      { role: "undo" },
      { role: "redo" },
      { type: "separator" },
      { role: "cut" },
      { role: "copy" },
      { role: "paste" },
      { role: "pasteAndMatchStyle" },
      { role: "delete" },
      { role: "selectAll" },
    ],
  },
  { label: "Window", submenu: [{ role: "minimize" }, { role: "close" }] },
] as const satisfies MenuItemConstructorOptions[];
