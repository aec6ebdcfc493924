import path from "node:path";
import { app, Menu, nativeImage, Tray } from "electron";
import type { MenubarState } from "../app/menubar/menubar-state.ts";
import { trayTitle } from "../app/menubar/menubar-state.ts";
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
  // "Template" in the file name makes macOS recolour the black glyph for light and dark menu bars;
  // the @2x sibling is picked up automatically on Retina displays.
  const image = nativeImage.createFromPath(path.join(app.getAppPath(), "resources", "trayTemplate.png"));
  image.setTemplateImage(true);
  const tray = new Tray(image);
  let state = options.initial;

  const showMenu = () => {
    tray.popUpContextMenu(Menu.buildFromTemplate(toElectronMenu(buildTrayMenu(state), options.act)));
  };
  tray.on("click", showMenu);
  tray.on("right-click", showMenu);

  const draw = () => {
    tray.setTitle(trayTitle(state.pairing));
    const pending = trayTitle(state.pairing);
    tray.setToolTip(pending ? `Pinch: ${pending} pairing request(s) waiting` : "Pinch");
  };
  draw();
  return {
    update(next) {
      state = next;
      draw();
    },
  };
}
