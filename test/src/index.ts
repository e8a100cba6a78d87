export { startPrism, freePort, prismForFile, type PrismServer } from "./prism.js";
export { SpecValidator, assumedParts, listOperations, loadSpec, resolvePointer, HTTP_METHODS, type AssumedPart, type OpenApiDoc, type Operation } from "./spec.js";
export {
  contractSuite,
  expectAssumptionsAt,
  mockContractSuite,
  type CallResult,
  type ContractCase,
  type ContractContext,
  type ContractSuiteOptions,
  type MockContractOptions,
} from "./contract.js";
export { securitySuite, type SecuritySuiteOptions } from "./security.js";
export { startFaultServer, json, type FaultServer, type FaultHandler, type RecordedRequest } from "./fault-server.js";
export { errorSurfaces, expectNoSecrets, expectNoSecretsIn } from "./secrets.js";
export {
  HTTPS_API,
  expectNothingReached,
  httpsProxyFetch,
  naiveFetch,
  redirect,
  redirectSuite,
  startTwoOrigins,
  type RedirectCall,
  type RedirectClientSettings,
  type RedirectSuiteOptions,
  type TwoOrigins,
} from "./redirect.js";
export { declaredQueryForm, preferStatus, recordCalls } from "./mock-middleware.js";
export { assertConforms, nonConformingAnswer } from "./contract.js";
export { SEED_DOCS, documentedSuccess, matchOperations, type DocOperation, type DocParam, type DocExample } from "./seed-docs.js";
export { installTarballs, packPackages, publishablePackages, runCommand, type WorkspacePackage } from "./pack.js";
export { memoryTracer, type SpanRecord } from "./tracing.js";
export { lagProbe } from "./lag.js";
