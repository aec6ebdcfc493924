import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "test/imsg-sim/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // The CLI reads phone numbers in the terminal's locale; tests (and the gateways they start) read
    // them in the default region whatever the machine's locale is.
    env: { LANG: "C.UTF-8", LC_ALL: "", LC_TELEPHONE: "" },
    globalSetup: ["test/build-bundles.setup.ts"],
    setupFiles: ["test/setup/no-invalid-params.ts"],
  },
});
