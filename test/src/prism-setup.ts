// vitest globalSetup for a vendor package: one Prism mock of its bundled spec (<package>/openapi.json) for
// the whole run, shared by every test file that asks `prismForFile` (or `contractSuite`) for that spec.
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startPrism } from "./prism.js";

export default async function setup(project: TestProject) {
  const specFile = join(project.config.root, "openapi.json");
  const prism = await startPrism(specFile);
  project.provide("prisms", { [specFile]: prism.baseUrl });
  return () => prism.stop();
}
