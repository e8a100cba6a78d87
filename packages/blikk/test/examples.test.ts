// Runs every usage example in ../examples against a real Prism mock of the bundled spec. Prism answers
// each call with the doc's example, so the assertions below are the doc's values; the requests each flow
// made are recorded by a middleware, so "detail by the listed id" is checked on the wire.
import { fileURLToPath } from "node:url";
import { expectNoSecrets, prismForFile } from "@specyard/contract-harness";
import { describe, expect, it } from "vitest";
import { ServerError, createBlikkClient, type BlikkClientOptions } from "../src/index.js";
import contactDetails from "../examples/contact-details.js";
import contactLifecycle from "../examples/contact-lifecycle.js";
import dataOrError from "../examples/data-or-error.js";
import downloadAttachments from "../examples/download-attachments.js";
import openProjects from "../examples/open-projects.js";
import pageByPage from "../examples/page-by-page.js";
import taskComments from "../examples/task-comments.js";
import timeReports from "../examples/time-reports.js";
import typedErrors from "../examples/typed-errors.js";
import uploadAttachment from "../examples/upload-attachment.js";

const specFile = fileURLToPath(new URL("../openapi.json", import.meta.url));
const credentials = { appId: "3f9a1c7e-examples-app", appSecret: "sk_live_Examples-4Tq!w8Zr" };

const prismUrl = prismForFile(specFile);

/** A client against Prism that records `METHOD /path?query` of every API call it makes. */
function client<T extends boolean = false>(extra: Partial<BlikkClientOptions> & { throwOnError?: T; prefer?: string } = {}) {
  const { prefer, ...options } = extra;
  const blikk = createBlikkClient({ ...credentials, baseUrl: prismUrl(), rateLimit: false, ...options });
  const calls: string[] = [];
  blikk.use({
    onRequest({ request }) {
      const url = new URL(request.url);
      calls.push(`${request.method} ${url.pathname}${url.search}`);
      // Prism answers with this status instead of the success (how the error paths are reached).
      if (prefer) request.headers.set("Prefer", prefer);
      return request;
    },
  });
  return { blikk, calls };
}

describe("Blikk usage examples (Prism mock)", () => {
  it("contact-details: lists contacts, then gets each by its listed id for the email", async () => {
    const { blikk, calls } = client({ throwOnError: true });
    expect(await contactDetails(blikk)).toEqual([{ id: 1, name: "Lotta Larsson", email: "lotta@familjenlarsson.se" }]);
    expect(calls).toEqual(["GET /v1/Core/Contacts?page=1&pageSize=10&sortBy=name", "GET /v1/Core/Contacts/1"]);
  });

  it("open-projects: paginates projects and keeps the ones not completed", async () => {
    const { blikk, calls } = client();
    expect(await openProjects(blikk)).toEqual(["26 Lorem ipsum"]);
    expect(calls).toEqual(["GET /v1/Core/Projects?pageSize=100&sortBy=createdDate&page=1"]);
  });

  it("page-by-page: .pages() yields the users page by page", async () => {
    const { blikk } = client();
    expect(await pageByPage(blikk)).toEqual({ pages: 1, names: ["John Doe"] });
  });

  it("contact-lifecycle: updates and deletes the contact by the id the create call returned", async () => {
    const { blikk, calls } = client({ throwOnError: true });
    expect(await contactLifecycle(blikk)).toEqual({ id: 32, updated: 200, deleted: 200 });
    expect(calls).toEqual(["POST /v1/Core/Contacts", "PUT /v1/Core/Contacts/32", "DELETE /v1/Core/Contacts/32"]);
  });

  it("download-attachments: downloads the file attachment (not the link) as bytes", async () => {
    const { blikk, calls } = client({ throwOnError: true });
    const files = await downloadAttachments(blikk, 1);
    expect(files).toHaveLength(1);
    expect(files[0]?.name).toBe("MyImage.png");
    expect(files[0]?.bytes).toBeGreaterThan(0);
    expect(calls).toEqual(["GET /v1/Core/Tasks/1/Attachments?page=1&pageSize=100", "GET /v1/Core/Tasks/1/Attachments/1/Download"]);
  });

  it("upload-attachment: a file part and a link are both accepted by the spec's multipart body", async () => {
    const { blikk, calls } = client({ throwOnError: true });
    const photo = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], { type: "image/png" });
    expect(await uploadAttachment(blikk, 1042, photo)).toEqual([200, 200]);
    expect(calls).toEqual(["POST /v1/Core/Tasks/1042/Attachments", "POST /v1/Core/Tasks/1042/Attachments"]);
  });

  it("data-or-error: data on success; the 400's message on a page size above 100; the status text of an empty-bodied 404", async () => {
    const { blikk } = client();
    expect(await dataOrError(blikk, 25)).toEqual({ ok: true, users: 1 });
    expect(await dataOrError(blikk, 101)).toEqual({ ok: false, status: 400, message: "The request is invalid." });
    expect(await dataOrError(client({ prefer: "code=404" }).blikk, 25)).toEqual({ ok: false, status: 404, message: "Not Found" });
  });

  it("typed-errors: the contact, or the 400 body's message, or the empty-bodied 404's operation; a 500 is rethrown", async () => {
    expect(await typedErrors(client({ throwOnError: true }).blikk, 32)).toEqual({ name: "Lotta Larsson" });
    expect(await typedErrors(client({ throwOnError: true, prefer: "code=400" }).blikk, 32)).toEqual({ missing: "The request is invalid." });
    expect(await typedErrors(client({ throwOnError: true, prefer: "code=404" }).blikk, 32)).toEqual({ missing: "GET /v1/Core/Contacts/{id} answered 404" });
    const err = await typedErrors(client({ throwOnError: true, prefer: "code=500" }).blikk, 32).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ status: 500, operation: "GET /v1/Core/Contacts/{id}" });
    expectNoSecrets(err, [credentials.appSecret]);
  });

  it("time-reports: paginates a user's time reports and sums the detail hours", async () => {
    const { blikk, calls } = client({ throwOnError: true });
    expect(await timeReports(blikk, 1)).toEqual({ hours: 8, reports: [{ id: 270, project: "Maintenance", materials: 0 }] });
    expect(calls).toEqual([
      "GET /v1/Core/TimeReports?filter.userIds=1&filter.from=2021-08-01&filter.to=2021-08-31&sortBy=date&pageSize=100&page=1",
      "GET /v1/Core/TimeReports/270",
    ]);
  });

  it("task-comments: comments on the first open task of the project's board and edits the listed comment", async () => {
    const { blikk, calls } = client({ throwOnError: true });
    expect(await taskComments(blikk, 15)).toEqual({ taskId: 1, commentId: 1, texts: ["Lorem ipsum dolar sit amet"] });
    expect(calls).toEqual([
      "GET /v1/Core/TaskBoards?page=1&filter.projectIds=15",
      "GET /v1/Core/Tasks?page=1&filter.taskBoardId=1",
      "POST /v1/Core/Tasks/1/Comments",
      "GET /v1/Core/Tasks/1/Comments?page=1&sortBy=createdDate&sortOrder=descending",
      "PUT /v1/Core/Tasks/1/Comments/1",
    ]);
  });
});
