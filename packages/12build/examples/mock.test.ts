// Testing your own code that uses @specyard/12build, with MSW and vitest: no network, no mock server.
import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RateLimitError, ServerError, create12BuildClient, type TwelveBuildClient } from "@specyard/12build";
import { createHandlers, handlers } from "@specyard/12build/mock";

// The code under test: the names of the active projects, read page by page.
async function activeProjectNames(client: TwelveBuildClient<true>): Promise<string[]> {
  const projects = await client.paginate("/project/list", { params: { query: { active: "1" } } }).toArray();
  return projects.map((p) => p.name ?? "?");
}

const server = setupServer(...handlers);
// A call no handler answers fails the test (msw 2 reads onUnhandledRequest, msw 3 onUnhandledFrame).
const failUnmocked = { onUnhandledRequest: "error", onUnhandledFrame: "error" } as const;
beforeAll(() => server.listen(failUnmocked));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// The handlers answer GET /tokens (login and apiKey) with the spec's example token.
const client = create12BuildClient({ login: "test-user", apiKey: "test-key", throwOnError: true, retry: false });

describe("activeProjectNames", () => {
  it("reads the spec's example projects (the list ends with an empty page)", async () => {
    expect(await activeProjectNames(client)).toEqual(["projectname"]);
  });

  it("sees the projects an override answers", async () => {
    server.use(
      ...createHandlers({
        overrides: {
          // The body is checked against listProjects' response type: a wrong shape does not compile.
          listProjects: ({ request }) =>
            HttpResponse.json(new URL(request.url).searchParams.get("page") === "1" ? [{ id: "42", name: "Nieuwbouw school", calcNumber: "c-42", workNumber: "w-42", companyId: "7", city: "Utrecht", type: "default", phaseName: "Calculatie", phaseId: 1, active: true }] : []),
        },
      }),
    );
    expect(await activeProjectNames(client)).toEqual(["Nieuwbouw school"]);
  });

  it("fails with a RateLimitError when 12Build answers 429", async () => {
    // 12Build's spec leaves error bodies untyped: an override answers them without a body.
    server.use(...createHandlers({ overrides: { listProjects: () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } }) } }));
    const error = await activeProjectNames(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, operation: "GET /project/list" });
  });

  it("fails with a ServerError when 12Build answers 500", async () => {
    server.use(...createHandlers({ overrides: { listProjects: () => new HttpResponse(null, { status: 500 }) } }));
    await expect(activeProjectNames(client)).rejects.toBeInstanceOf(ServerError);
  });
});

// Type tests: an override must return a body the operation documents, for an operation that exists.
createHandlers({
  overrides: {
    // @ts-expect-error: a project's `active` is a boolean
    listProjects: () => HttpResponse.json([{ id: "42", name: "Nieuwbouw school", calcNumber: "c-42", workNumber: "w-42", companyId: "7", city: "Utrecht", type: "default", phaseName: "Calculatie", phaseId: 1, active: "yes" }]),
  },
});
createHandlers({
  overrides: {
    // @ts-expect-error: there is no operation `listProject`
    listProject: () => HttpResponse.json([]),
  },
});
