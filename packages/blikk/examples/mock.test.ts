// Testing your own code that uses @specyard/blikk, with MSW and vitest: no network, no mock server.
import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RateLimitError, ServerError, createBlikkClient, type BlikkClient } from "@specyard/blikk";
import { createHandlers, handlers } from "@specyard/blikk/mock";

// The code under test: the names of every contact, read page by page.
async function contactNames(client: BlikkClient<true>): Promise<string[]> {
  const contacts = await client.paginate("/v1/Core/Contacts", { params: { query: { pageSize: 100 } } }).toArray();
  return contacts.map((c) => c.name ?? "(no name)");
}

const server = setupServer(...handlers);
// A call no handler answers fails the test (msw 2 reads onUnhandledRequest, msw 3 onUnhandledFrame).
const failUnmocked = { onUnhandledRequest: "error", onUnhandledFrame: "error" } as const;
beforeAll(() => server.listen(failUnmocked));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// Real credentials are not needed: the handlers answer any Basic credentials with a token.
const client = createBlikkClient({ appId: "test-app", appSecret: "test-secret", throwOnError: true, retry: false });

describe("contactNames", () => {
  it("reads the spec's example contacts (the list ends after the last page)", async () => {
    expect(await contactNames(client)).toEqual(["John Doe"]);
  });

  it("sees the contacts an override answers", async () => {
    server.use(
      ...createHandlers({
        overrides: {
          // The body is checked against listContacts' response type: a wrong shape does not compile.
          listContacts: () =>
            HttpResponse.json({ objectName: "generic.pagedlist", page: 1, pageSize: 100, itemCount: 2, totalItemCount: 2, totalPages: 1, items: [
              { objectName: "contact.list", id: 7, name: "Ada Builder", contactType: "person" },
              { objectName: "contact.list", id: 8, name: "Bygg AB", contactType: "company" },
            ] }),
        },
      }),
    );
    expect(await contactNames(client)).toEqual(["Ada Builder", "Bygg AB"]);
  });

  it("fails with a RateLimitError when Blikk answers 429", async () => {
    server.use(...createHandlers({ overrides: { listContacts: () => HttpResponse.json({ waitInSeconds: 1 }, { status: 429, headers: { "Retry-After": "1" } }) } }));
    const error = await contactNames(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, operation: "GET /v1/Core/Contacts" });
  });

  it("fails with a ServerError when Blikk answers 500", async () => {
    server.use(...createHandlers({ overrides: { listContacts: () => new HttpResponse(null, { status: 500 }) } }));
    await expect(contactNames(client)).rejects.toBeInstanceOf(ServerError);
  });
});

// Type tests: an override must return a body the operation documents, for an operation that exists.
createHandlers({
  overrides: {
    // @ts-expect-error: `items` must be an array of contacts
    listContacts: () => HttpResponse.json({ objectName: "generic.pagedlist", page: 1, items: "none" }),
  },
});
createHandlers({
  overrides: {
    // @ts-expect-error: there is no operation `listContact`
    listContact: () => HttpResponse.json({}),
  },
});
