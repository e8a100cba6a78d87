import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Packs every publishable package and installs the tarballs once (setup.ts); the test files share them.
    globalSetup: ["./setup.ts"],
    // The two files run side by side, each with at most two checks at a time: their time is spent in child
    // processes (publint, attw, tsc, Prism), and on two cores more at once only makes each one slower.
    fileParallelism: true,
    maxWorkers: 2,
    maxConcurrency: 2,
  },
});
