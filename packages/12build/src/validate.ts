export * from "./generated/validate.js";
