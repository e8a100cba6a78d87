// Core reads top-down: no file imports (types included) a file that imports it back, directly or
// through others. The floors are the order the first line of src/index.ts states.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

const SRC = new URL("../src/", import.meta.url);

/** file (without `.ts`) → the core files it imports, `import type`, `export … from` and `import()` included. */
export function importGraph(files: Record<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [name, text] of Object.entries(files)) {
    const targets = [...text.matchAll(/(?:\bfrom|\bimport\(?)\s*["']\.\/([\w-]+)\.js["']/g)].map((m) => m[1]!);
    graph.set(name, [...new Set(targets)]);
  }
  return graph;
}

/** Each circle once, as `a -> b -> a`, starting from its first file in name order. */
export function circles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const walk = (start: string, at: string, path: string[]) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) found.push([...path, start].join(" -> "));
      else if (next > start && !path.includes(next)) walk(start, next, [...path, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) walk(start, start, [start]);
  return found;
}

const sources = Object.fromEntries(
  readdirSync(SRC)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => [f.slice(0, -3), readFileSync(new URL(f, SRC), "utf8")]),
);

describe("core's import graph", () => {
  it("has no circle (src/*.ts, type-only imports included)", () => {
    expect(circles(importGraph(sources))).toEqual([]);
  });

  it("shared.ts, the bottom floor, imports nothing", () => {
    expect(importGraph(sources).get("shared")).toEqual([]);
    expect(sources.shared).not.toMatch(/^\s*(import|export .* from)\b/m);
  });

  it("every file is on the floor index.ts names for it, and imports only from lower floors", () => {
    const floorsLine = sources.index!.split("\n")[0]!;
    const floors = floorsLine.replace(/^\/\/ Floors, bottom up: /, "").split(" < ").map((floor) => floor.split(", "));
    const floorOf = new Map(floors.flatMap((files, i) => files.map((f) => [f, i] as const)));
    expect([...floorOf.keys()].sort()).toEqual(Object.keys(sources).filter((f) => f !== "index").sort());
    for (const [file, targets] of importGraph(sources)) {
      if (file === "index") continue;
      for (const target of targets) expect(floorOf.get(target)!, `${file} imports ${target}`).toBeLessThan(floorOf.get(file)!);
    }
  });

  it("finds a circle when there is one (the check itself)", () => {
    const graph = importGraph({ a: `import type { B } from "./b.js";`, b: `export { c } from "./c.js";`, c: `const a = await import("./a.js");`, d: "" });
    expect(circles(graph)).toEqual(["a -> b -> c -> a"]);
  });
});
