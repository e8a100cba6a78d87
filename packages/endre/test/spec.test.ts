// The spec-fidelity findings of issue 14 (Endre), checked on the bundled spec the client is generated from.
import { fileURLToPath } from "node:url";
import { SpecValidator, expectAssumptionsAt, loadSpec } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";

const spec = loadSpec(fileURLToPath(new URL("../openapi.json", import.meta.url)));
const validator = new SpecValidator(spec);
const project = {
  Id: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  Name: "Harbour Offices",
  ProjectName: "Harbour Offices",
  ProjectNumber: "P-1001",
  IsFinished: false,
};
const createParams: { name: string; schema: Record<string, unknown> }[] = spec.paths["/v1/projects"]?.post.parameters ?? [];

describe("Endre spec: what the doc states, no more", () => {
  it("ProjectNumber is always present but may be null (project_number is optional at create, l.60)", () => {
    expect(validator.check("/components/schemas/Project", { ...project, ProjectNumber: null })).toBeUndefined();
    expect(validator.check("/components/schemas/Project", { ...project, ProjectNumber: undefined })).toMatch(/ProjectNumber/);
  });

  it("has none of the constraints the doc never states", () => {
    const schemaOf = (name: string) => createParams.find((p) => p.name === name)?.schema;
    expect(schemaOf("project_name")).toEqual({ type: "string" });
    expect(schemaOf("email")).toEqual({ type: "string" });
    expect(validator.check("/components/schemas/ProjectUpdate", {})).toBeUndefined();
    expect(validator.check("/components/schemas/MonthlyAmount", {
      ProjectId: project.Id, Year: 2026, Month: 13, TotalAmount: 0, TotalAcceptedAmount: 0, TotalDeclinedAmount: 0, TotalNotHandledAmount: 0,
    })).toBeUndefined();
  });

  it("a 401 declares FastAPI's WWW-Authenticate: Bearer header", () => {
    const header = spec.components?.responses?.Unauthorized?.headers?.["WWW-Authenticate"];
    expect(header?.example).toBe("Bearer");
  });

  it("every example is marked as written for this spec (the doc shows none)", () => {
    const summaries: string[] = [];
    const walk = (node: unknown): void => {
      if (!node || typeof node !== "object") return;
      for (const [k, v] of Object.entries(node)) {
        if (k === "examples" && v && typeof v === "object" && !Array.isArray(v)) {
          for (const ex of Object.values(v)) if (!(ex && typeof ex === "object" && "$ref" in ex)) summaries.push(ex && typeof ex === "object" && "summary" in ex ? String(ex.summary) : "");
        } else walk(v);
      }
    };
    walk(spec);
    expect(summaries.length).toBeGreaterThan(20);
    for (const s of summaries) expect(s).toMatch(/written for this spec/i);
  });

  it("marks every assumption twice (description 'Assumed:' and x-assumed), exactly where NOTES lists them", () => {
    expectAssumptionsAt(spec, [
      "/paths/~1token/post",
      "/paths/~1token/post/responses/400",
      "/paths/~1v1~1projects/get/responses/404",
      "/paths/~1v1~1projects/post",
      "/paths/~1v1~1projects/post/responses/200",
      "/paths/~1v1~1projects/patch/parameters/0",
      "/paths/~1v1~1projects/patch/responses/200",
      "/paths/~1v1~1projects~1{project_id}~1amounts/get/parameters/1",
      "/paths/~1v1~1projects~1{project_id}~1amounts/get/parameters/2",
      "/components/schemas/Token",
      "/components/schemas/Project/properties/ProjectNumber",
      "/components/schemas/LocalDateTime",
      "/components/schemas/Case/properties/Description",
      "/components/schemas/Invoice/properties/DueDate",
      "/components/schemas/Invoice/properties/PayDate",
      "/components/schemas/ExternalReference/properties/Description",
      "/components/schemas/Detail",
      "/components/schemas/HTTPValidationError",
      "/components/responses/Unauthorized",
      "/components/responses/Unauthorized/headers/WWW-Authenticate",
      "/components/responses/Forbidden",
      "/components/responses/NotFound",
      "/components/responses/ValidationError",
    ]);
  });
});
