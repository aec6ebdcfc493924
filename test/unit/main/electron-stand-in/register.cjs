// Loaded with `node --require` before the bundled main process: every `require("electron")`
// gets the stand-in next to this file, since the Electron binary cannot run on this machine.
const Module = require("node:module");
const path = require("node:path");

const standIn = path.join(__dirname, "electron.cjs");
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveElectron(request, ...rest) {
  return request === "electron" ? standIn : resolve.call(this, request, ...rest);
};
