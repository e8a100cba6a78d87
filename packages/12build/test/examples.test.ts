// Runs every usage flow in ../examples against a Prism mock of the spec (static mode: Prism answers the doc's
// examples) and checks what each returns. The flows are type-checked by `pnpm typecheck` (tsconfig includes examples/).
import { fileURLToPath } from "node:url";
import { declaredQueryForm, json, loadSpec, prismForFile, startFaultServer } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";
import budgetRows from "../examples/budget-rows.js";
import createUpdateDelete from "../examples/create-update-delete.js";
import dataError from "../examples/data-error.js";
import documentsListToDetail from "../examples/documents-list-to-detail.js";
import download from "../examples/download.js";
import listToDetail from "../examples/list-to-detail.js";
import pages from "../examples/pages.js";
import paginateFilter from "../examples/paginate-filter.js";
import throwOnError from "../examples/throw-on-error.js";
import upload from "../examples/upload.js";
import { create12BuildClient } from "../src/index.js";

const specFile = fileURLToPath(new URL("../openapi.json", import.meta.url));
const credentials = { login: "api-user@bouwbedrijf-jansen.nl", apiKey: "9f2c4e7a1b8d3f6e0a5c2d9b7e4f1a3c" };

const baseUrl = prismForFile(specFile);
/** A client against Prism, which reads the declared `style: form` of the `x-specyard-query: php-indexed` arrays. */
const client = () => {
  const c = create12BuildClient({ ...credentials, baseUrl: baseUrl() });
  c.use(declaredQueryForm(loadSpec(specFile)));
  return c;
};
const throwing = () => create12BuildClient({ ...credentials, baseUrl: baseUrl(), throwOnError: true });

describe("12Build usage examples against Prism", () => {
  it("list-to-detail: the first listed project, opened by its listed id", async () => {
    expect(await listToDetail(client())).toEqual({ listed: "projectname", detail: "projectname, Rijssen (nl)" });
  });
  it("documents-list-to-detail: a listed document group and a listed document, opened by their ids", async () => {
    expect(await documentsListToDetail(client(), "1234567")).toEqual({ group: "group name", document: "fileName" });
  });
  it("paginate-filter: active projects in the calculation phase, mapped to their names", async () => {
    expect(await paginateFilter(client())).toEqual(["cal-123: projectname"]);
  });
  it("pages: .pages() yields each page's items", async () => {
    // one page: Prism answers the one-item doc example, shorter than pageSize, so the pages end there
    expect(await pages(client())).toEqual([["1234567 Rijssen"]]);
  });
  it("create-update-delete: each step uses the id the previous answer returned", async () => {
    expect(await createUpdateDelete(client(), "1234567")).toEqual(["created 1234567", "renamed to group name", "deleted"]);
  });
  it("download: a document's bytes", async () => {
    const file = await download(client(), "6448805");
    expect(file?.name).toBe("fileName");
    expect(file?.bytes).toBeGreaterThan(0);
  });
  it("upload: a new project document from a Blob", async () => {
    expect(await upload(client(), "1234567", new Blob(["%PDF-1.4\n%%EOF\n"], { type: "application/pdf" }))).toEqual("documentname (6448813)");
  });
  it("data-error: success narrows to data; a refused call sets error", async () => {
    expect(await dataError(client(), "1234567")).toBe("projectname");
    expect(await dataError(client(), "P-1234")).toBe("failed with 422");
  });
  it("throw-on-error: success, and a typed error narrowed with instanceof", async () => {
    expect(await throwOnError(throwing(), "1234567")).toBe("found projectname");
    expect(await throwOnError(throwing(), "P-1234")).toBe("rejected: GET /project/{projectId} answered 422");
  });
  it("throw-on-error: a 404 narrows to NotFoundError, a 409 to is12BuildError (a loopback server: Prism's mock answers neither)", async () => {
    const s = await startFaultServer((req, res) => {
      if (req.url.startsWith("/tokens?")) return json(res, 200, { token: "t0k3n", expireDate: "9999999999" });
      json(res, req.url === "/project/999" ? 404 : 409, { message: "no" });
    });
    try {
      const twelve = create12BuildClient({ ...credentials, baseUrl: s.baseUrl, throwOnError: true });
      expect(await throwOnError(twelve, 999)).toBe("no project 999");
      expect(await throwOnError(twelve, 1000)).toBe("failed: 409");
    } finally {
      await s.close();
    }
  });
  it("budget-rows: list, then delete the listed rows in one call", async () => {
    expect(await budgetRows(client(), "12")).toEqual(["Offerte:"]);
  });
});
