// Testing your own code that uses @specyard/simplo, with MSW and vitest: no network, no mock server.
import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RateLimitError, ServerError, createSimploClient, type SimploClient, type components } from "@specyard/simplo";
import { createHandlers } from "@specyard/simplo/mock";

type SimploProject = components["schemas"]["Project"];

// Your Simplo IS instance; the handlers answer there.
const baseUrl = "https://is.example.com";

// The code under test: the names of every active project, read page by page.
async function activeProjectNames(client: SimploClient<true>): Promise<string[]> {
  const projects = await client.paginate("/api/v0/projects", { params: { query: { per_page: 50 } } }).toArray();
  return projects.filter((p) => p.active).map((p) => p.name);
}

const server = setupServer(...createHandlers({ baseUrl }));
// A call no handler answers fails the test (msw 2 reads onUnhandledRequest, msw 3 onUnhandledFrame).
const failUnmocked = { onUnhandledRequest: "error", onUnhandledFrame: "error" } as const;
beforeAll(() => server.listen(failUnmocked));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A project as Simplo IS sends it; pass the fields your test cares about. */
const project = (fields: Partial<SimploProject> & Pick<SimploProject, "id" | "name">): SimploProject => ({
  goodday_id: null, parent_id: null, client_id: null, status_id: 1, status_comment: null, responsible_user_id: null,
  active: true, description: null, start_date: null, end_date: null, priority: 0, progress: null, type: null,
  is_client: false, billable: false, billing_type: null, billing_time_type: null, estimated_price: 0,
  goodday_created_at: null, created_at: "2026-01-05T09:00:00+0100", updated_at: "2026-01-05T09:00:00+0100", _links: [],
  ...fields,
});

const client = createSimploClient({ token: "test-jwt", baseUrl, throwOnError: true, retry: false });

describe("activeProjectNames", () => {
  it("reads the spec's example projects (the list ends with an empty page)", async () => {
    const names = await activeProjectNames(client);
    expect(names.length).toBeGreaterThan(0);
    expect(names[0]).toBe("kaitrade.cz / grafické práce");
  });

  it("sees the projects an override answers", async () => {
    server.use(
      ...createHandlers({
        baseUrl,
        overrides: {
          // The body is checked against listProjects' response type: a wrong shape does not compile.
          listProjects: ({ request }) =>
            HttpResponse.json({
              items: new URL(request.url).searchParams.get("page") === "1" ? [project({ id: 5, name: "Web redesign" }), project({ id: 6, name: "Archive", active: false })] : [],
            }),
        },
      }),
    );
    expect(await activeProjectNames(client)).toEqual(["Web redesign"]);
  });

  it("fails with a RateLimitError when Simplo IS answers 429", async () => {
    // Simplo IS's spec documents no 429: an override may answer without a body.
    server.use(...createHandlers({ baseUrl, overrides: { listProjects: () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } }) } }));
    const error = await activeProjectNames(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, operation: "GET /api/v0/projects" });
  });

  it("fails with a ServerError when Simplo IS answers 500", async () => {
    server.use(...createHandlers({ baseUrl, overrides: { listProjects: () => new HttpResponse(null, { status: 500 }) } }));
    await expect(activeProjectNames(client)).rejects.toBeInstanceOf(ServerError);
  });
});

// Type tests: an override must return a body the operation documents, for an operation that exists.
createHandlers({
  overrides: {
    // @ts-expect-error: a project's `id` is a number
    getProject: () => HttpResponse.json({ ...project({ id: 5, name: "Web redesign" }), id: "5" }),
  },
});
createHandlers({
  overrides: {
    // @ts-expect-error: there is no operation `listProject`
    listProject: () => HttpResponse.json({ items: [] }),
  },
});
