// A stand-in for the parts of Electron's main-process API that Pinch's main bundle uses. It
// reports what the app does as `STUB {json}` lines on stdout and takes commands on stdin (click the
// tray, pick a menu item, press a notification button, invoke a channel from the page, quit), so a
// test can drive the real bundled main process end to end.
const { EventEmitter } = require("node:events");
const path = require("node:path");
const readline = require("node:readline");

function report(event, data = {}) {
  process.stdout.write(`STUB ${JSON.stringify({ event, ...data })}\n`);
}

const home = process.env.HOME ?? "/tmp";
let ready = false;
let quitting = false;

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = false;
    this.name = "Electron";
    this.dock = { hide: () => report("dock-hide") };
    this.loginItem = { openAtLogin: false };
  }
  setName(name) {
    this.name = name;
  }
  getName() {
    return this.name;
  }
  getVersion() {
    return "0.1.0";
  }
  getPath(name) {
    return path.join(home, "stand-in-electron", this.name, name);
  }
  // What macOS reports as the region in System Settings → General → Language & Region.
  getLocaleCountryCode() {
    return "US";
  }
  getAppPath() {
    return process.env.STAND_IN_APP_PATH;
  }
  setAppLogsPath(dir) {
    report("logs-path", { dir });
  }
  isReady() {
    return ready;
  }
  whenReady() {
    return new Promise((resolve) =>
      setImmediate(() => {
        ready = true;
        this.emit("ready");
        resolve();
      }),
    );
  }
  requestSingleInstanceLock() {
    return true;
  }
  focus() {}
  getLoginItemSettings() {
    return { openAtLogin: this.loginItem.openAtLogin, wasOpenedAtLogin: false, status: "not-registered" };
  }
  setLoginItemSettings(settings) {
    this.loginItem.openAtLogin = Boolean(settings.openAtLogin);
    report("login-item", settings);
  }
  relaunch() {
    report("relaunch");
  }
  quit() {
    if (quitting) return;
    quitting = true;
    let prevented = false;
    this.emit("will-quit", { preventDefault: () => (prevented = true) });
    if (!prevented) this.exit(0);
  }
  exit(code) {
    report("exit", { code });
    process.exit(code);
  }
}
const app = new App();

const windows = [];
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.url = undefined;
    this.webContents = Object.assign(new EventEmitter(), {
      send: (channel, payload) => report("window-send", { channel, payload }),
      loadURL: (url) => {
        this.url = url;
        report("window-load", { url });
        return Promise.resolve();
      },
      setWindowOpenHandler: (handler) => {
        this.openHandler = handler;
      },
    });
    windows.push(this);
    report("window-created", { webPreferences: options.webPreferences });
    app.emit("web-contents-created", {}, this.webContents);
    setImmediate(() => this.emit("ready-to-show"));
  }
  loadURL(url) {
    return this.webContents.loadURL(url);
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  show() {
    report("window-show");
  }
  focus() {}
  restore() {}
  getNormalBounds() {
    return { x: 10, y: 20, width: 900, height: 600 };
  }
  static getAllWindows() {
    return windows;
  }
}

let lastMenu;
let tray;
class Tray extends EventEmitter {
  constructor(image) {
    super();
    tray = this;
    report("tray-created", { image: image.path });
  }
  setTitle(title) {
    report("tray-title", { title });
  }
  setToolTip(tip) {
    report("tray-tooltip", { tip });
  }
  setImage(image) {
    report("tray-image", { image: image.path });
  }
  popUpContextMenu(menu) {
    lastMenu = menu;
    report("tray-menu", { labels: menu.template.map((item) => item.label ?? item.type) });
  }
}

const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) =>
    report("application-menu", {
      menus: menu.template.map((entry) => ({
        label: entry.label,
        roles: entry.submenu.map((item) => item.role),
      })),
    }),
};

let lastNotification;
class Notification extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
  }
  static isSupported() {
    return true;
  }
  show() {
    lastNotification = this;
    report("notification", {
      title: this.options.title,
      body: this.options.body,
      actions: this.options.actions.map((action) => action.text),
    });
  }
}

const handlers = new Map();
const ipcMain = {
  handle: (channel, handler) => handlers.set(channel, handler),
  removeHandler: (channel) => handlers.delete(channel),
  on: () => undefined,
};

const recorded =
  (name) =>
  (...args) =>
    report(name, { args: args.filter((arg) => typeof arg !== "function") });
const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler) =>
      handler({}, "notifications", (granted) =>
        report("permission-request", { permission: "notifications", granted }),
      ),
    setPermissionCheckHandler: (handler) =>
      report("permission-check", { granted: handler({}, "clipboard-read", "file://", {}) }),
    setDevicePermissionHandler: (handler) => report("device-permission", { granted: handler({}) }),
    setDisplayMediaRequestHandler: recorded("display-media-handler"),
  },
};

const electron = {
  app,
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  ipcMain,
  session,
  nativeImage: { createFromPath: (file) => ({ path: file, setTemplateImage: () => undefined }) },
  nativeTheme: { shouldUseDarkColors: false },
  powerMonitor: new EventEmitter(),
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (text) => Buffer.from(text, "utf8").reverse(),
    decryptString: (data) => Buffer.from(data).reverse().toString("utf8"),
  },
  screen: { getDisplayMatching: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }) },
  shell: {
    openExternal: async (url) => report("open-external", { url }),
    openPath: async (file) => {
      report("open-path", { file });
      return "";
    },
    showItemInFolder: recorded("show-item-in-folder"),
  },
  dialog: { showMessageBox: async (options) => report("dialog", { detail: options.detail }) },
  webContents: { getAllWebContents: () => [] },
};

function findItem(items, label) {
  for (const item of items ?? []) {
    if (item.label === label) return item;
    const inner = findItem(item.submenu, label);
    if (inner) return inner;
  }
  return undefined;
}

async function runCommand(line) {
  const [command, ...rest] = line.split(" ");
  const argument = rest.join(" ");
  if (command === "click-tray") tray.emit("click");
  else if (command === "menu") {
    const item = findItem(lastMenu?.template, argument);
    if (!item) report("menu-missing", { label: argument });
    else item.click();
  } else if (command === "notification-action")
    lastNotification.emit("action", { actionIndex: Number(argument) });
  else if (command === "notification-click") lastNotification.emit("click");
  else if (command === "resume") electron.powerMonitor.emit("resume");
  else if (command === "navigate") {
    const event = { preventDefault: () => report("navigation-prevented", { url: argument }) };
    windows.at(-1).webContents.emit("will-navigate", event, argument);
  } else if (command === "window-open") {
    report("window-open-answer", { url: argument, answer: windows.at(-1).openHandler({ url: argument }) });
  } else if (command === "invoke" || command === "invoke-from-frame") {
    const [channel, ...json] = rest;
    const window = windows.at(-1);
    const event = {
      sender: window?.webContents,
      senderFrame: { url: window?.url ?? "", parent: command === "invoke" ? null : {} },
    };
    const handler = handlers.get(`pinch:invoke:${channel}`);
    const result = handler ? await handler(event, JSON.parse(json.join(" ") || "{}")) : "no handler";
    report("invoke-result", { channel, result });
  } else if (command === "handlers") report("handlers", { channels: [...handlers.keys()].sort() });
  else if (command === "quit") app.quit();
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  runCommand(line.trim()).catch((error) => report("command-failed", { line, error: String(error) }));
});

module.exports = electron;
