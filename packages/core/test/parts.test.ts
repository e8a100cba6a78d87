import { describe, expect, it } from "vitest";
import { ApiError, createApiClientWith, keyedValidationMessage, listedValidationMessage, waitInSecondsBody, type ClientParts } from "../src/index.js";
import { apiCalls, json, server, type LooseRoutes } from "./helpers.js";

/** `createApiClientWith`: a client has the vendor-specific behaviour of the parts it is given, and only that. */
describe("optional parts", () => {
  const thrown = async (parts: ClientParts, body: unknown) => {
    const s = await server((_req, res) => json(res, 422, body));
    const err = await createApiClientWith<LooseRoutes, true>(parts, { baseUrl: s.baseUrl, throwOnError: true, retry: false })
      .POST("/v1/projects", { body: { name: "" } })
      .catch((e: unknown) => e);
    if (!(err instanceof ApiError)) throw err;
    return err.message;
  };
  const listed = { message: "The given data was invalid.", errors: [{ field: "name", message: "The name field is required." }] };
  const keyed = { message: "The request is invalid.", modelState: { page: ["The field Page must be greater than or equal to 1."] } };

  it("validationMessage: each format reads its own bodies; without one the message is the body's text alone", async () => {
    expect(await thrown({ validationMessage: listedValidationMessage }, listed)).toBe(
      "POST /v1/projects failed with status 422: The given data was invalid. (name: The name field is required.)",
    );
    expect(await thrown({ validationMessage: keyedValidationMessage }, keyed)).toBe(
      "POST /v1/projects failed with status 422: The request is invalid. (page: The field Page must be greater than or equal to 1.)",
    );
    expect(await thrown({ validationMessage: keyedValidationMessage }, { detail: [{ loc: ["body", "name"], msg: "Field required" }] })).toBe(
      "POST /v1/projects failed with status 422: Unprocessable Entity",
    );
    expect(await thrown({}, keyed)).toBe("POST /v1/projects failed with status 422: The request is invalid.");
  });

  it("bodyWait: a 429 body's waitInSeconds is waited for with waitInSecondsBody, and ignored (backoff) without it", async () => {
    let answered = 0;
    const s = await server((_req, res) => (++answered % 2 ? json(res, 429, { waitInSeconds: 0.3 }) : json(res, 200, {})));
    // The wait the client chose, from its debug line ("retry 1/… in N ms"), and the time the call took.
    const timed = async (parts: ClientParts) => {
      const lines: string[] = [];
      const started = Date.now();
      const { response } = await createApiClientWith<LooseRoutes>(parts, {
        baseUrl: s.baseUrl,
        retry: { baseDelayMs: 5, maxDelayMs: 20 },
        logger: { warn: () => {}, debug: (m) => lines.push(m) },
      }).GET("/items");
      expect(response.status).toBe(200);
      const waits = lines.map((l) => /retry \d+\/\d+ in (\d+) ms/.exec(l)?.[1]).filter((w) => w !== undefined).map(Number);
      return { ms: Date.now() - started, waits };
    };
    const withBody = await timed({ bodyWait: waitInSecondsBody });
    expect(withBody.waits).toEqual([300]);
    expect(withBody.ms).toBeGreaterThanOrEqual(290);
    // Without the part: the backoff's own wait (at most maxDelayMs), however slow the machine is.
    const without = await timed({});
    expect(without.waits).toHaveLength(1);
    expect(without.waits[0]).toBeLessThanOrEqual(20);
    expect(apiCalls(s)).toHaveLength(4);
  });
});
