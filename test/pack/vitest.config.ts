import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Packs every publishable package and installs the tarballs once (setup.ts); the test files share them.
    globalSetup: ["./setup.ts"],
    // The files run side by side: most of their time is spent in child processes (publint, attw, tsc, Prism).
    fileParallelism: true,
    maxWorkers: 2,
  },
});
