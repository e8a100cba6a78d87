import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Most of this suite waits on real clocks (the 25 s rate-limit run, trickling bodies, backoff), not on
    // the CPU: files run four at a time instead of one (vitest's default on two cores).
    maxWorkers: 4,
  },
});
