/** The formula of imsg in the tap it is published from. */
export const imsgFormula = "openclaw/tap/imsg";
export const imsgInstallCommand = `brew install ${imsgFormula}`;
/** Brings an installed imsg up to date. */
export const imsgUpgradeCommand = "brew upgrade imsg";
