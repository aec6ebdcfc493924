/** The formula of imsg in the tap it is published from. */
export const imsgFormula = "openclaw/tap/imsg";
export const imsgInstallCommand = `brew install ${imsgFormula}`;
/** Where a Mac without Homebrew downloads imsg. */
export const imsgReleasesUrl = "https://github.com/openclaw/imsg/releases";
/** Brings an installed imsg up to date. */
export const imsgUpgradeCommand = "brew upgrade imsg";
