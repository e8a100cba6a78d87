import { defineConfig } from "vitest/config";

// One Prism mock of openapi.json for the run, shared by the contract and examples test files.
export default defineConfig({ test: { globalSetup: ["@specyard/contract-harness/prism-setup"] } });
