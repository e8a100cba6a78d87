import { describe, expect, it } from "vitest";
import { expectNoSecrets } from "@specyard/contract-harness";
import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  ServerError,
  UnprocessableEntityError,
  createApiClient,
  errorMessage,
  isApiError,
} from "../src/index.js";
import { PASSWORD, apiCalls, client, json, server, withToken, type LooseRoutes } from "./helpers.js";

describe("`error` on a non-2xx answer", () => {
  it("is a truthy object for every body: JSON objects as they are, empty, non-JSON and JSON scalars as { status, statusText, text }", async () => {
    const s = await server((req, res) => {
      if (req.url === "/empty") return res.writeHead(404, { "content-length": "0" }).end();
      if (req.url === "/html") return res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>");
      if (req.url === "/null") return json(res, 400, null);
      if (req.url === "/blank") return json(res, 409, "");
      return json(res, 422, { detail: "nope" });
    });
    const c = createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, retry: false });
    const errors = [];
    for (const path of ["/empty", "/html", "/null", "/blank", "/object"]) {
      const { data, error } = await c.GET(path);
      expect(data).toBeUndefined();
      if (!error) throw new Error(`${path}: error is ${String(error)}`);
      errors.push(error);
    }
    expect(errors).toEqual([
      { status: 404, statusText: "Not Found", text: "" },
      { status: 502, statusText: "Bad Gateway", text: "<h1>Bad gateway</h1>" },
      { status: 400, statusText: "Bad Request", text: "null" },
      { status: 409, statusText: "Conflict", text: "" },
      { detail: "nope" },
    ]);
  });

  it("with throwOnError, an empty body is the thrown error's body too, and the message says there was no body", async () => {
    const s = await server((_req, res) => res.writeHead(404, { "content-length": "0" }).end());
    const err = await createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, throwOnError: true })
      .GET("/things/{id}", { params: { path: { id: 9 } } })
      .catch((e: unknown) => e);
    if (!(err instanceof NotFoundError)) throw err;
    expect(err.message).toBe("GET /things/{id} failed with status 404: no body");
    expect(err.body).toEqual({ status: 404, statusText: "Not Found", text: "" });
  });

  it("with throwOnError, a JSON null body (12Build's 404) reads \"no body\", not \"null\"", async () => {
    const s = await server((_req, res) => json(res, 404, null));
    const err = await createApiClient<LooseRoutes>({ baseUrl: s.baseUrl, throwOnError: true }).GET("/project/{projectId}", { params: { path: { projectId: 1 } } }).catch((e: unknown) => e);
    if (!(err instanceof NotFoundError)) throw err;
    expect(err.message).toBe("GET /project/{projectId} failed with status 404: no body");
  });
});

describe("error messages carry the first validation message", () => {
  const failWith = async (status: number, body: unknown) => {
    const s = await server(withToken((_req, res) => json(res, status, body)));
    const err = await client(s, { throwOnError: true, retry: false })
      .POST("/v1/projects", { body: { name: "" } })
      .catch((e: unknown) => e);
    if (!(err instanceof ApiError)) throw err;
    return err;
  };

  it("FastAPI (Endre): detail[0].msg with its location, redacted", async () => {
    const err = await failWith(422, {
      detail: [
        { loc: ["body", "name"], msg: `String should have at least 1 character, not ${PASSWORD}`, type: "string_too_short" },
        { loc: ["body", "code"], msg: "Field required", type: "missing" },
      ],
    });
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    expect(err.message).toBe("POST /v1/projects failed with status 422: body.name: String should have at least 1 character, not [REDACTED]");
    expectNoSecrets(err, [PASSWORD]);
  });

  it("Simplo IS: the envelope's message and errors[0]", async () => {
    const err = await failWith(422, {
      type: "ValidationError",
      message: "The given data was invalid.",
      id: "5f0c",
      errors: [{ field: "name", message: "The name field is required." }],
    });
    expect(err.message).toBe("POST /v1/projects failed with status 422: The given data was invalid. (name: The name field is required.)");
  });

  it("Blikk: the message and the first modelState entry", async () => {
    const err = await failWith(400, { message: "The request is invalid.", modelState: { page: ["The field Page must be greater than or equal to 1."] } });
    expect(err.message).toBe("POST /v1/projects failed with status 400: The request is invalid. (page: The field Page must be greater than or equal to 1.)");
  });
});

describe("a failed token exchange", () => {
  it("a connection failure names the user's call, with the token step as its cause", async () => {
    const s = await server((req, res) => (req.url === "/token" ? res.destroy() : json(res, 200, {})));
    const err = await client(s).GET("/v1/projects").catch((e: unknown) => e);
    if (!(err instanceof ConnectionError)) throw err;
    expect(err.operation).toBe("GET /v1/projects");
    expect(err.url).toBe(`${s.baseUrl}/v1/projects`);
    expect(err.message).toMatch(/^GET \/v1\/projects failed: obtaining credentials failed: POST \/token failed: network error/);
    expect(err.cause).toBeInstanceOf(ConnectionError);
    expect(err.cause).toMatchObject({ operation: "POST /token" });
    expect(apiCalls(s)).toHaveLength(0);
    expectNoSecrets(err, [PASSWORD]);
  });

  it("a refused one keeps its class and status (AuthenticationError, 401)", async () => {
    const s = await server((_req, res) => json(res, 401, { detail: `bad password ${PASSWORD}` }));
    const err = await client(s).GET("/v1/projects").catch((e: unknown) => e);
    if (!(err instanceof AuthenticationError)) throw err;
    expect(err.status).toBe(401);
    expect(err.operation).toBe("GET /v1/projects");
    expect(err.cause).toMatchObject({ operation: "POST /token", status: 401 });
    expect(err.message).toBe("GET /v1/projects failed with status 401: obtaining credentials failed: POST /token failed with status 401: token request refused");
    expectNoSecrets(err, [PASSWORD]);
  });
});

describe("ApiError classes", () => {
  it("instanceof and isApiError work as the plain class check", () => {
    const e = new NotFoundError({ status: 404, operation: "GET /x", url: "http://127.0.0.1/x" });
    expect(e instanceof ApiError && e instanceof NotFoundError).toBe(true);
    expect(e instanceof ServerError).toBe(false);
    expect(new Error("x") instanceof ApiError).toBe(false);
    expect(isApiError(e)).toBe(true);
    expect(isApiError(e, NotFoundError)).toBe(true);
    expect(isApiError(e, ServerError)).toBe(false);
    expect(isApiError({ status: 404 })).toBe(false);
    expect(isApiError(null)).toBe(false);
  });
});

describe("errorMessage(error): one message from any vendor's error body", () => {
  it("reads message, detail or the first validation failure; the status for a RawErrorBody; the body itself otherwise", () => {
    expect(errorMessage({ message: "Contact not found" })).toBe("Contact not found"); // Blikk, Simplo IS
    expect(errorMessage({ detail: "Not authenticated" })).toBe("Not authenticated"); // Endre
    expect(errorMessage({ detail: [{ loc: ["body", "name"], msg: "Field required", type: "missing" }] })).toBe("body.name: Field required");
    expect(errorMessage({ message: "Invalid", modelState: { name: ["Required"] } })).toBe("Invalid (name: Required)");
    expect(errorMessage({ status: 404, statusText: "Not Found", text: "" })).toBe("HTTP 404: no body");
    expect(errorMessage({ status: 502, statusText: "Bad Gateway", text: "<html>proxy</html>" })).toBe("HTTP 502: <html>proxy</html>");
    expect(errorMessage({ waitInSeconds: 2 })).toBe('{"waitInSeconds":2}'); // Blikk's 429
  });
});
