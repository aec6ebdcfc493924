import path from "node:path";
import { app, Menu, nativeImage, Tray } from "electron";

export interface TrayActions {
  openWindow(): void;
  quit(): void;
}

export interface PinchTray {
  /** Shows the number of pending pairing requests next to the lobster; zero shows nothing. */
  setPendingPairingCount(count: number): void;
}

/**
 * The menu-bar lobster. The menu is built fresh on every click and shown with popUpContextMenu:
 * once a menu is attached with setContextMenu, macOS may stop delivering `click` events to the tray.
 */
export function setupTray(actions: TrayActions): PinchTray {
  // "Template" in the file name makes macOS recolour the black glyph for light and dark menu bars;
  // the @2x sibling is picked up automatically on Retina displays.
  const image = nativeImage.createFromPath(path.join(app.getAppPath(), "resources", "trayTemplate.png"));
  image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setToolTip("Pinch");

  const showMenu = () => {
    const menu = Menu.buildFromTemplate([
      { label: "Open Pinch…", click: () => actions.openWindow() },
      { type: "separator" },
      { label: "Quit Pinch", accelerator: "Command+Q", click: () => actions.quit() },
    ]);
    tray.popUpContextMenu(menu);
  };
  tray.on("click", showMenu);
  tray.on("right-click", showMenu);

  return {
    setPendingPairingCount(count) {
      tray.setTitle(count > 0 ? String(count) : "");
    },
  };
}
