// The spec-fidelity findings of issue 14 (Simplo IS), checked on the bundled spec the client is generated from.
import { fileURLToPath } from "node:url";
import { SpecValidator, expectAssumptionsAt, loadSpec } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";

const spec = loadSpec(fileURLToPath(new URL("../openapi.json", import.meta.url)));
const validator = new SpecValidator(spec);
const unauthorized = "/components/responses/Unauthorized/content/application~1json/schema";
const forbidden = "/components/responses/Forbidden/content/application~1json/schema";

describe("Simplo spec: what the docs state, no more", () => {
  it("the assumed 401/403 bodies accept a body of another shape", () => {
    for (const pointer of [unauthorized, forbidden]) {
      expect(validator.check(pointer, { error: "Unauthenticated." })).toBeUndefined();
      expect(validator.check(pointer, { type: "Forbidden", message: "Incorrect hash given.", id: "E-17" })).toBeUndefined();
    }
    // The documented 404 keeps its documented envelope.
    expect(validator.check("/components/schemas/NotFoundError", { error: "Unauthenticated." })).toMatch(/type|message|id/);
  });

  it("every array says what its items are (Spectral's array-items)", () => {
    const bare: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== "object") return;
      if ("type" in node && node.type === "array" && !("items" in node)) bare.push(at);
      for (const [k, v] of Object.entries(node)) if (k !== "examples" && k !== "example") walk(v, `${at}/${k}`);
    };
    walk(spec, "");
    expect(bare).toEqual([]);
  });

  it("the server variable has no description (swagger-parser 13) and the server text has no literal backticks (Redoc)", () => {
    const [server] = spec.servers;
    expect(server.variables.host).toEqual({ default: "is.simplo.cz" });
    expect(server.description).toContain("is.simplo.cz");
    expect(server.description).not.toContain("`");
  });

  it("ids, pages and _meta carry no bounds the docs do not state", () => {
    for (const name of ["ProjectId", "ReportId", "Page", "PerPage"]) {
      expect(spec.components?.parameters?.[name]?.schema?.minimum, name).toBeUndefined();
    }
    expect(validator.check("/components/schemas/Meta", { page: 0, total_pages: 0, records: 0, per_page: 0 })).toBeUndefined();
  });

  it("marks every assumption twice (description 'Assumed:' and x-assumed), exactly where NOTES lists them", () => {
    expectAssumptionsAt(spec, [
      "/servers/0",
      "/paths/~1api~1v0~1projects/get/responses/422",
      "/paths/~1api~1v0~1reports/get/responses/422",
      "/paths/~1api~1v0~1reports~1{report_id}~1approved/post/responses/200",
      "/paths/~1api~1v0~1reports~1{report_id}~1public/get/responses/200",
      "/paths/~1api~1v0~1reports~1{report_id}~1issue-invoice/get/responses/404",
      "/components/securitySchemes/bearerAuth",
      "/components/schemas/AssumedError",
      "/components/schemas/Project/properties/google_drive_url",
      "/components/schemas/Project/properties/_embedded",
      "/components/schemas/ProjectUpdate",
      "/components/schemas/ProjectUpdate/properties/google_drive_url",
      "/components/schemas/ProjectsCollection/properties/_meta",
      "/components/schemas/ProjectsFilter",
      "/components/schemas/Report/properties/approved_at",
      "/components/schemas/Report/properties/invoiced_at",
      "/components/schemas/Report/properties/_embedded",
      "/components/schemas/ReportsFilter",
      "/components/schemas/UndocumentedItem",
      "/components/parameters/Page",
      "/components/parameters/PerPage",
      "/components/parameters/ProjectsEmbed",
      "/components/parameters/ProjectsFilter",
      "/components/parameters/ProjectsSort",
      "/components/parameters/PublicReportEmbed",
      "/components/parameters/ReportsEmbed",
      "/components/parameters/ReportsFilter",
      "/components/parameters/ReportsSort",
      "/components/parameters/SortOrder",
      "/components/responses/Unauthorized",
    ]);
  });
});
