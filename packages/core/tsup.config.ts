import { defineConfig } from "tsup";

const common = { entry: ["src/index.ts"], dts: true, target: "es2022" } as const;

export default defineConfig([
  { ...common, format: "esm", clean: ["*.js", "*.d.ts"] },
  // openapi-fetch's CommonJS build has only `exports.default`; from this ES module source esbuild's
  // Node-style interop reads the default as the whole module object, not the function. The CommonJS
  // build therefore carries its own copy of openapi-fetch (the ES module build imports it). Each build
  // cleans only its own files: the two run side by side.
  { ...common, format: "cjs", clean: ["*.cjs", "*.d.cts"], noExternal: ["openapi-fetch"] },
]);
