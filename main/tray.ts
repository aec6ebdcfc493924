import path from "node:path";
import { app, Menu, nativeImage, Tray } from "electron";
import {
  type MenubarState,
  type TrayIconVariant,
  trayIconVariant,
  trayTitle,
  trayTooltip,
} from "../app/menubar/menubar-state.ts";
import type { TrayAction } from "../app/menubar/tray-action.ts";
import { buildTrayMenu } from "../app/menubar/tray-menu-model.ts";
import { toElectronMenu } from "./tray-menu-template.ts";

export interface PinchTray {
  /** Redraws the title and tooltip; the menu is built from this state on the next click. */
  update(state: MenubarState): void;
}

/**
 * The menu-bar lobster. The menu is built fresh on every click and shown with popUpContextMenu:
 * once a menu is attached with setContextMenu, macOS may stop delivering `click` events to the tray.
 */
export function setupTray(options: { initial: MenubarState; act: (action: TrayAction) => void }): PinchTray {
  // A template image is recoloured by macOS for light and dark menu bars; the @2x sibling is picked
  // up automatically on Retina displays.
  const image = (variant: TrayIconVariant) => {
    const file = variant === "normal" ? "trayTemplate.png" : `trayTemplate-${variant}.png`;
    const loaded = nativeImage.createFromPath(path.join(app.getAppPath(), "resources", file));
    loaded.setTemplateImage(true);
    return loaded;
  };
  let variant: TrayIconVariant = "normal";
  const tray = new Tray(image(variant));
  let state = options.initial;

  const showMenu = () => {
    tray.popUpContextMenu(Menu.buildFromTemplate(toElectronMenu(buildTrayMenu(state), options.act)));
  };
  tray.on("click", showMenu);
  tray.on("right-click", showMenu);

  const draw = () => {
    tray.setTitle(trayTitle(state.pairing));
    tray.setToolTip(trayTooltip(state.status));
    const next = trayIconVariant(state.status);
    if (next !== variant) {
      variant = next;
      tray.setImage(image(variant));
    }
  };
  draw();
  return {
    update(next) {
      state = next;
      draw();
    },
  };
}
