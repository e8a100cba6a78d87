export { startPrism, freePort, type PrismServer } from "./prism.js";
export { SpecValidator, listOperations, loadSpec, resolvePointer, HTTP_METHODS, type OpenApiDoc, type Operation } from "./spec.js";
export { contractSuite, type CallResult, type ContractCase, type ContractContext, type ContractSuiteOptions } from "./contract.js";
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
