import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The docs in Chromium and the new-vendor scaffold are the two long files: side by side, not one after
    // the other (vitest's default on two cores is one file at a time).
    maxWorkers: 2,
  },
});
