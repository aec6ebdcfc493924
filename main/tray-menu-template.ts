// The tray menu model (app/menubar/tray-menu-model.ts) as Electron menu items. Types only from
// Electron, so a unit test can check the translation and that each click runs its action.
import type { MenuItemConstructorOptions } from "electron";
import type { TrayAction } from "../app/menubar/tray-action.ts";
import type { TrayMenuItem } from "../app/menubar/tray-menu-model.ts";

export function toElectronMenu(
  items: TrayMenuItem[],
  act: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map(toElectronItem);

  function toElectronItem(item: TrayMenuItem): MenuItemConstructorOptions {
    switch (item.type) {
      case "separator":
        return { type: "separator" };
      case "label":
        return { label: item.label, enabled: false };
      case "action":
        return {
          label: item.label,
          click: () => act(item.action),
          ...(item.accelerator ? { accelerator: item.accelerator } : {}),
        };
      case "checkbox":
        return { label: item.label, type: "checkbox", checked: item.checked, click: () => act(item.action) };
      case "submenu":
        return { label: item.label, submenu: toElectronMenu(item.items, act) };
    }
  }
}
