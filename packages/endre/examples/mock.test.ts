// Testing your own code that uses @specyard/endre, with MSW and vitest: no network, no mock server.
import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RateLimitError, ServerError, createEndreClient, type EndreClient } from "@specyard/endre";
import { createHandlers, handlers } from "@specyard/endre/mock";

// The code under test: the numbers of the projects still running.
async function openProjectNumbers(client: EndreClient<true>): Promise<string[]> {
  const { data } = await client.GET("/v1/projects");
  return data.filter((p) => !p.IsFinished).map((p) => p.ProjectNumber ?? "?");
}

const server = setupServer(...handlers);
// A call no handler answers fails the test (msw 2 reads onUnhandledRequest, msw 3 onUnhandledFrame).
const failUnmocked = { onUnhandledRequest: "error", onUnhandledFrame: "error" } as const;
beforeAll(() => server.listen(failUnmocked));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// The handlers answer the password grant at /token with the spec's example token.
const client = createEndreClient({ username: "test@example.com", password: "test-password", throwOnError: true, retry: false });

describe("openProjectNumbers", () => {
  it("reads the spec's example projects", async () => {
    expect(await openProjectNumbers(client)).toEqual(["P-1001"]);
  });

  it("sees the projects an override answers", async () => {
    server.use(
      ...createHandlers({
        overrides: {
          // The body is checked against listProjects' response type: a wrong shape does not compile.
          listProjects: () =>
            HttpResponse.json([
              { Id: "11111111-1111-4111-8111-111111111111", Name: "P-7 - Depot", ProjectName: "Depot", ProjectNumber: "P-7", IsFinished: false },
            ]),
        },
      }),
    );
    expect(await openProjectNumbers(client)).toEqual(["P-7"]);
  });

  it("fails with a RateLimitError when Endre answers 429", async () => {
    // Endre's spec documents no 429: an override may answer without a body.
    server.use(...createHandlers({ overrides: { listProjects: () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } }) } }));
    const error = await openProjectNumbers(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, operation: "GET /v1/projects" });
  });

  it("fails with a ServerError when Endre answers 500", async () => {
    server.use(...createHandlers({ overrides: { listProjects: () => new HttpResponse(null, { status: 500 }) } }));
    await expect(openProjectNumbers(client)).rejects.toBeInstanceOf(ServerError);
  });
});

// Type tests: an override must return a body the operation documents, for an operation that exists.
createHandlers({
  overrides: {
    // @ts-expect-error: listProjects answers an array of projects, not one
    listProjects: () => HttpResponse.json({ Id: "11111111-1111-4111-8111-111111111111", Name: "P-7 - Depot" }),
  },
});
createHandlers({
  overrides: {
    // @ts-expect-error: there is no operation `listProject`
    listProject: () => HttpResponse.json([]),
  },
});
