export * from "./generated/mock.js";
