// spec:diff's rules, one kind of edit per test, each applied in-process to a vendor's bundled spec
// (packages/<vendor>/openapi.json, built by turbo before this suite runs).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { specDiff } from "../lib/diff.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
type Spec = Record<string, any>;
const load = (vendor: string): Spec => JSON.parse(readFileSync(join(root, "packages", vendor, "openapi.json"), "utf8"));
const specs = { endre: load("endre"), simplo: load("simplo") };

/** The diff between the vendor's spec and a copy changed by `edit`. */
function diffAfter(vendor: keyof typeof specs, edit: (spec: Spec) => void) {
  const after = structuredClone(specs[vendor]);
  edit(after);
  return specDiff(specs[vendor], after);
}

/** The one change of a level whose message matches. */
const changeMatching = (diff: ReturnType<typeof specDiff>, level: string, message: RegExp) =>
  diff.changes.find((c) => c.level === level && message.test(c.message));

describe("spec:diff on Endre", () => {
  const projects = (s: Spec) => s.paths["/v1/projects"];
  const schemas = (s: Spec) => s.components.schemas;

  it("an identical spec: level none, no changes", () => {
    expect(specDiff(specs.endre, structuredClone(specs.endre))).toEqual({ level: "none", changes: [] });
  });

  it("an operation removed: major, named by operationId", () => {
    const diff = diffAfter("endre", (s) => delete projects(s).get);
    expect(diff.level).toBe("major");
    expect(diff.changes).toEqual([{ level: "major", operationId: "listProjects", pointer: "/paths/~1v1~1projects/get", message: "operation removed: GET /v1/projects" }]);
  });

  it("an operation added: minor", () => {
    const diff = diffAfter("endre", (s) => {
      s.paths["/v1/things"] = { get: { operationId: "listThings", summary: "Things", responses: { "200": { description: "ok" } } } };
    });
    expect(diff.level).toBe("minor");
    expect(changeMatching(diff, "minor", /^operation added: GET \/v1\/things$/)?.operationId).toBe("listThings");
  });

  it("an optional query parameter added: minor", () => {
    const diff = diffAfter("endre", (s) => projects(s).post.parameters.push({ name: "note", in: "query", schema: { type: "string" } }));
    expect(diff.level).toBe("minor");
  });

  it("a new required query parameter: major", () => {
    const diff = diffAfter("endre", (s) => projects(s).post.parameters.push({ name: "note", in: "query", required: true, schema: { type: "string" } }));
    expect(diff.level).toBe("major");
  });

  it("an optional parameter made required: major", () => {
    const diff = diffAfter("endre", (s) => {
      const email = projects(s).post.parameters.find((p: Spec) => p.name === "email");
      email.required = true;
    });
    expect(diff.level).toBe("major");
    expect(diff.changes[0]?.operationId).toBe("createProject");
  });

  it("a parameter removed: major", () => {
    const diff = diffAfter("endre", (s) => {
      projects(s).post.parameters = projects(s).post.parameters.filter((p: Spec) => p.name !== "project_number");
    });
    expect(diff.level).toBe("major");
  });

  it("a response field removed: major, at every operation that returns it", () => {
    const diff = diffAfter("endre", (s) => delete schemas(s).Project.properties.Name);
    expect(diff.level).toBe("major");
    const ids = diff.changes.filter((c) => /response field removed/.test(c.message)).map((c) => c.operationId);
    expect(ids).toEqual(expect.arrayContaining(["listProjects", "getProject", "createProject", "updateProject"]));
  });

  it("a response field added: minor", () => {
    const diff = diffAfter("endre", (s) => (schemas(s).Project.properties.Region = { type: "string" }));
    expect(diff.level).toBe("minor");
    expect(changeMatching(diff, "minor", /response field added: GET \/v1\/projects 200 response \.Region/)).toBeTruthy();
  });

  it("a response field made optional: major (the library calls it breaking too)", () => {
    const diff = diffAfter("endre", (s) => (schemas(s).Project.required = schemas(s).Project.required.filter((f: string) => f !== "Name")));
    expect(diff.level).toBe("major");
    expect(changeMatching(diff, "major", /response field Name made optional/)).toBeTruthy();
  });

  it("a response field made nullable: major (the library calls it non-breaking)", () => {
    const diff = diffAfter("endre", (s) => (schemas(s).Project.properties.Name.type = ["string", "null"]));
    expect(diff.level).toBe("major");
    expect(changeMatching(diff, "major", /response field made nullable/)).toBeTruthy();
  });

  it("a response field's type changed: major (the library calls it non-breaking)", () => {
    const diff = diffAfter("endre", (s) => (schemas(s).Project.properties.IsFinished.type = "string"));
    expect(diff.level).toBe("major");
    expect(changeMatching(diff, "major", /response type changed \(type\)/)).toBeTruthy();
  });

  it("a new value in a response enum: minor, flagged for exhaustive switches (the library calls it breaking)", () => {
    const diff = diffAfter("endre", (s) => schemas(s).CaseStatus.anyOf[0].enum.push("Closed"));
    expect(diff.level).toBe("minor");
    expect(diff.changes[0]?.message).toMatch(/new value "Closed" in a response enum \(an exhaustive switch over it stops compiling\)/);
  });

  it("a value removed from a response enum: major", () => {
    const diff = diffAfter("endre", (s) => schemas(s).CaseStatus.anyOf[0].enum.pop());
    expect(diff.level).toBe("major");
  });

  it("a new value in a request enum: minor", () => {
    const diff = diffAfter("endre", (s) => schemas(s).TokenRequest.properties.grant_type.enum.push("client_credentials"));
    expect(diff.level).toBe("minor");
    expect(changeMatching(diff, "minor", /new value "client_credentials" accepted in a request enum/)).toBeTruthy();
  });

  it("a success status changed (200 → 201): major", () => {
    const diff = diffAfter("endre", (s) => {
      const responses = projects(s).get.responses;
      responses["201"] = responses["200"];
      delete responses["200"];
    });
    expect(diff.level).toBe("major");
    expect(changeMatching(diff, "major", /success status 200 removed/)).toBeTruthy();
  });

  it("an error response added: minor", () => {
    const diff = diffAfter("endre", (s) => (projects(s).get.responses["429"] = { description: "Too many requests." }));
    expect(diff.level).toBe("minor");
  });

  it("the auth scheme changed (OAuth2 password → API key): major", () => {
    const diff = diffAfter("endre", (s) => (s.components.securitySchemes.oauth2Password = { type: "apiKey", in: "header", name: "X-Api-Key" }));
    expect(diff.level).toBe("major");
    expect(diff.changes.every((c) => c.message.startsWith("auth changed") || c.level === "patch")).toBe(true);
  });

  it("an operation's security requirement changed: major (the library calls it non-breaking)", () => {
    const diff = diffAfter("endre", (s) => (projects(s).get.security = []));
    expect(diff.level).toBe("major");
  });

  it("an operationId renamed: major (the mock's typed overrides are keyed by it; the library calls it an annotation)", () => {
    const diff = diffAfter("endre", (s) => (projects(s).get.operationId = "getProjects"));
    expect(diff.level).toBe("major");
  });

  it("a response field that was optional now always present: minor", () => {
    const before = structuredClone(specs.endre);
    schemas(before).Project.required = schemas(before).Project.required.filter((f: string) => f !== "Name");
    const diff = specDiff(before, specs.endre);
    expect(diff.level).toBe("minor");
    expect(changeMatching(diff, "minor", /response field Name now always present/)).toBeTruthy();
  });

  it("a schema added to components (exported as a type): minor; removed: major", () => {
    const withExtra = structuredClone(specs.endre);
    schemas(withExtra).Extra = { type: "object", properties: { a: { type: "string" } } };
    expect(specDiff(specs.endre, withExtra)).toMatchObject({ level: "minor", changes: [{ message: 'type components["schemas"]["Extra"] added' }] });
    expect(specDiff(withExtra, specs.endre)).toMatchObject({ level: "major", changes: [{ message: 'type components["schemas"]["Extra"] removed' }] });
  });

  it("an operationId given where there was none: minor", () => {
    const before = structuredClone(specs.endre);
    delete projects(before).get.operationId;
    expect(specDiff(before, specs.endre).level).toBe("minor");
  });

  it("an operation marked deprecated: minor (the library's `deprecated`)", () => {
    expect(diffAfter("endre", (s) => (projects(s).get.deprecated = true)).level).toBe("minor");
  });

  it("the server URL changed: patch (the library's annotation; the client's default base URL is in its code)", () => {
    expect(diffAfter("endre", (s) => (s.servers[0].url = "https://api.endre.example")).level).toBe("patch");
  });

  it("summaries and descriptions only: patch", () => {
    const diff = diffAfter("endre", (s) => {
      projects(s).get.summary = "List projects";
      schemas(s).Project.properties.Name.description = "The display name.";
      s.info.description = "Changed.";
    });
    expect(diff.level).toBe("patch");
    expect(diff.changes.length).toBeGreaterThanOrEqual(3);
  });

  it("an example only: patch (the library leaves it unclassified)", () => {
    const diff = diffAfter("endre", (s) => (projects(s).get.responses["200"].content["application/json"].examples.projects.value[0].Name = "P-1 - Other"));
    expect(diff.level).toBe("patch");
  });

  it("an x- mark only: patch", () => {
    const diff = diffAfter("endre", (s) => (projects(s).get["x-assumed"] = true));
    expect(diff.level).toBe("patch");
  });

  it("a field named like a keyword is a field, not documentation: a response field `description` added is minor", () => {
    const diff = diffAfter("endre", (s) => (schemas(s).Project.properties.description = { type: "string" }));
    expect(diff.level).toBe("minor");
    expect(changeMatching(diff, "minor", /response field added: GET \/v1\/projects 200 response \.description/)).toBeTruthy();
  });
});

describe("spec:diff on Simplo", () => {
  const schemas = (s: Spec) => s.components.schemas;

  it("a request field removed: major (the library calls it non-breaking)", () => {
    const diff = diffAfter("simplo", (s) => delete schemas(s).ReportPatch.properties.invoice_number);
    expect(diff.level).toBe("major");
    expect(changeMatching(diff, "major", /request field removed: PATCH \/api\/v0\/reports\/\{report_id\} request body \.invoice_number/)?.operationId).toBe("patchReport");
  });

  it("an optional request field added: minor", () => {
    const diff = diffAfter("simplo", (s) => (schemas(s).ReportPatch.properties.note = { type: "string" }));
    expect(diff.level).toBe("minor");
    expect(changeMatching(diff, "minor", /optional request field added/)).toBeTruthy();
  });

  it("a new required request field: major", () => {
    const diff = diffAfter("simplo", (s) => {
      schemas(s).ReportApproval.properties.approver = { type: "string" };
      schemas(s).ReportApproval.required.push("approver");
    });
    expect(diff.level).toBe("major");
    expect(changeMatching(diff, "major", /new required request field/)).toBeTruthy();
  });

  it("an optional request field made required: major", () => {
    const diff = diffAfter("simplo", (s) => (schemas(s).ReportPatch.required = ["state"]));
    expect(diff.level).toBe("major");
    expect(changeMatching(diff, "major", /request field state made required/)).toBeTruthy();
  });

  it("a request field narrowed to an enum: major (the library calls it non-breaking)", () => {
    const diff = diffAfter("simplo", (s) => (schemas(s).ReportPatch.properties.state.enum = [1, 2]));
    expect(diff.level).toBe("major");
    expect(changeMatching(diff, "major", /request type narrowed to an enum/)).toBeTruthy();
  });

  it("a required request field made optional: minor", () => {
    const diff = diffAfter("simplo", (s) => (schemas(s).ReportApproval.required = []));
    expect(diff.level).toBe("minor");
    expect(changeMatching(diff, "minor", /request field hash made optional/)).toBeTruthy();
  });

  it("a value no longer accepted by a request enum: major; the enum lifted: minor", () => {
    // BillingsFrequency is one enum per type (oneOf integer | string): narrow the integer one.
    const narrowed = diffAfter("simplo", (s) => (schemas(s).BillingsFrequency.oneOf[0].enum = [1, 2]));
    expect(narrowed.level).toBe("major");
    expect(changeMatching(narrowed, "major", /value 3 no longer accepted/)).toBeTruthy();
    const lifted = diffAfter("simplo", (s) => delete schemas(s).BillingsFrequency.oneOf[0].enum);
    expect(changeMatching(lifted, "minor", /request enum lifted/)).toBeTruthy();
  });

  it("a request field's type changed: major", () => {
    const diff = diffAfter("simplo", (s) => (schemas(s).ReportPatch.properties.invoice_number.type = "string"));
    expect(diff.level).toBe("major");
    expect(changeMatching(diff, "major", /request type changed \(integer → string\)/)).toBeTruthy();
  });

  it("a request field widened to accept null: minor (the library calls it breaking)", () => {
    const diff = diffAfter("simplo", (s) => (schemas(s).ReportPatch.properties.invoice_number.type = ["integer", "null"]));
    expect(diff.level).toBe("minor");
    expect(changeMatching(diff, "minor", /request type widened \(integer → integer \| null\)/)).toBeTruthy();
  });

  it("a response field removed: major", () => {
    const diff = diffAfter("simplo", (s) => {
      delete schemas(s).Report.properties.name;
      schemas(s).Report.required = schemas(s).Report.required.filter((f: string) => f !== "name");
    });
    expect(diff.level).toBe("major");
    expect(changeMatching(diff, "major", /response field removed/)?.operationId).toBeTruthy();
  });

  it("the auth scheme changed (bearer → basic): major", () => {
    const diff = diffAfter("simplo", (s) => (s.components.securitySchemes.bearerAuth.scheme = "basic"));
    expect(diff.level).toBe("major");
  });

  it("an operation removed: major", () => {
    const diff = diffAfter("simplo", (s) => delete s.paths["/api/v0/reports/{report_id}/public"]);
    expect(diff.level).toBe("major");
    expect(diff.changes[0]?.message).toMatch(/operation removed: GET \/api\/v0\/reports\/\{report_id\}\/public/);
  });

  it("descriptions only: patch", () => {
    const diff = diffAfter("simplo", (s) => (schemas(s).ReportPatch.properties.state.description = "Report state (1 or 2)."));
    expect(diff.level).toBe("patch");
  });
});

describe("spec:diff on 12Build", () => {
  it("a summary changed next to a `*/*` response: patch, not the library's remove-and-add of `*/*`", () => {
    const twelve = load("12build");
    const after = structuredClone(twelve);
    after.paths["/file/{documentType}/{documentId}"].get.summary = "Download a stored file (reworded)";
    const diff = specDiff(twelve, after);
    expect(diff).toEqual({ level: "patch", changes: [expect.objectContaining({ level: "patch", operationId: "getFile" })] });
  });
});

describe("spec:diff before the first release", () => {
  it("every operation is new: minor, one change per operation", () => {
    const diff = specDiff(null, specs.simplo);
    expect(diff.level).toBe("minor");
    expect(diff.changes).toHaveLength(13);
    expect(diff.changes.every((c) => c.level === "minor" && c.message.startsWith("operation added"))).toBe(true);
  });
});
