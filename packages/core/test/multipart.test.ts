import { describe, expect, it } from "vitest";
import { createApiClient, formDataBody } from "../src/index.js";

describe("formDataBody", () => {
  it("one part per property: files keep their name, arrays repeat, objects are JSON, null/undefined are left out", async () => {
    const file = new File([new Uint8Array([1, 2, 3])], "photo.png", { type: "image/png" });
    const form = formDataBody({ name: "x", file, ids: [1, 2], meta: { a: 1 }, flag: false, gone: null, missing: undefined });
    expect([...form.keys()]).toEqual(["name", "file", "ids", "ids", "meta", "flag"]);
    expect(form.get("name")).toBe("x");
    expect(form.getAll("ids")).toEqual(["1", "2"]);
    expect(form.get("meta")).toBe('{"a":1}');
    expect(form.get("flag")).toBe("false");
    const part = form.get("file") as File;
    expect(part.name).toBe("photo.png");
    expect(part.type).toBe("image/png");
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("passes FormData through and refuses non-objects", () => {
    const fd = new FormData();
    expect(formDataBody(fd)).toBe(fd);
    expect(() => formDataBody("text")).toThrow(TypeError);
    expect(() => formDataBody([1])).toThrow(TypeError);
  });

  it("as a bodySerializer, the request goes out as multipart/form-data with a boundary", async () => {
    let sent: Request | undefined;
    const client = createApiClient<any>({
      baseUrl: "https://api.example.test",
      retry: false,
      fetch: async (req) => {
        sent = req;
        return new Response(null, { status: 204 });
      },
    });
    await client.POST("/upload", { body: { name: "a.txt", file: new Blob(["hello"]) }, bodySerializer: formDataBody });
    expect(sent!.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const text = await sent!.text();
    expect(text).toContain('name="name"\r\n\r\na.txt\r\n');
    expect(text).toMatch(/name="file"; filename="blob"\r\nContent-Type: application\/octet-stream\r\n\r\nhello\r\n/);
  });
});
