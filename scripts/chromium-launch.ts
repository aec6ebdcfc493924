// How every part of Pinch that drives a browser starts it: Debian's Chromium (never a downloaded
// build; PINCH_CHROMIUM overrides the path), with the flags that keep it from reaching the network
// on its own (component updates, background fetches) so a run stays on loopback.
export const chromiumLaunchOptions = {
  executablePath: process.env.PINCH_CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
};
