export { startPrism, freePort, type PrismServer } from "./prism.js";
export { SpecValidator, listOperations, loadSpec, resolvePointer, HTTP_METHODS, type OpenApiDoc, type Operation } from "./spec.js";
export {
  contractSuite,
  mockContractSuite,
  type CallResult,
  type ContractCase,
  type ContractContext,
  type ContractSuiteOptions,
  type MockContractOptions,
} from "./contract.js";
export { startFaultServer, json, type FaultServer, type FaultHandler, type RecordedRequest } from "./fault-server.js";
export { errorSurfaces, expectNoSecrets } from "./secrets.js";
export { installTarballs, packPackages, publishablePackages, type WorkspacePackage } from "./pack.js";
