// Readers of the vendors' own API docs (the seed files in ../shared/seeds/), written independently of the
// specs: what each doc says about an operation, in plain terms, so a test can hold the bundled spec to it.
// One small line-based parser per doc format; each keeps only what its doc states.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Operation } from "./spec.js";
import { ROOT } from "./vendors.js";

/**
 * Where the seed docs are: `$SPECYARD_SEEDS`, else `shared/seeds/` beside the repository (as in CI), else beside
 * its parent folder (a git worktree under `wt/`).
 */
const SEEDS_CANDIDATES = process.env.SPECYARD_SEEDS ? [resolve(process.env.SPECYARD_SEEDS)] : [resolve(ROOT, "../shared/seeds"), resolve(ROOT, "../../shared/seeds")];
export const SEEDS_DIR = SEEDS_CANDIDATES.find((d) => existsSync(d)) ?? SEEDS_CANDIDATES[0]!;

export type ParamLocation = "path" | "query" | "body";

export interface DocParam {
  name: string;
  in: ParamLocation;
  /** undefined: the doc does not say. */
  required?: boolean;
  /** Only for these of the operation's methods (Simplo's PUT/PATCH sections); undefined: all. */
  methods?: string[];
  /** `file:line` of the doc. */
  where: string;
}

export interface DocExample {
  kind: "request" | "response";
  /** Only for these of the operation's methods (Simplo's PUT/PATCH sections); undefined: all. */
  methods?: string[];
  /** The status the doc prints above a response example; undefined: the doc gives none. */
  status?: number;
  value: unknown;
  where: string;
}

export interface DocOperation {
  /** The operation's name where the doc gives one the spec uses as operationId (12Build). */
  name?: string;
  /** Lower-case methods; empty where the doc gives none (12Build, Endre /token). */
  methods: string[];
  /** The documented path with every template or example value as `{}`; `*`: every operation (overview). */
  path: string;
  params: DocParam[];
  /** The documented success status; undefined where the doc gives none. */
  success?: number;
  examples: DocExample[];
  where: string;
}

interface Line {
  n: number;
  text: string;
}

/** The non-blank lines of a seed file, trimmed at the end, with their 1-based numbers. */
function readSeed(file: string): { file: string; lines: Line[] } {
  const full = join(SEEDS_DIR, file);
  if (!existsSync(full)) {
    throw new Error(`vendor doc ${file} is missing (looked in ${SEEDS_CANDIDATES.join(", ")}): the seed docs must sit in ../shared/seeds/ beside the repository, or set SPECYARD_SEEDS`);
  }
  const lines = readFileSync(full, "utf8")
    .split("\n")
    .map((text, i) => ({ n: i + 1, text: text.trimEnd() }))
    .filter((l) => l.text.trim() !== "");
  return { file, lines };
}

/** `/v1/Core/Tasks/:taskId`, `/project/{id}`, `/api/v0/reports/6/public?hash=…` → `/v1/Core/Tasks/{}`, … */
export function normalizePath(path: string): string {
  return path
    .split("?")[0]!
    .split("/")
    .map((seg) => (/^\{[^}]*\}$|^:\w+$|^\d+$/.test(seg) ? "{}" : seg))
    .join("/");
}

/** The text in a doc as printed; `fixes` are the repairs the spec's NOTES.md records for that line. */
function parseJson(text: string, where: string, fixes: Record<string, (t: string) => string>): unknown {
  const fix = fixes[where];
  try {
    return JSON.parse(fix ? fix(text) : text);
  } catch (err) {
    throw new Error(`${where}: the doc's JSON example does not parse${fix ? " even after the fix NOTES.md records" : ""}: ${String(err)}`);
  }
}

/** The JSON block that opens with `{` or `[` at `lines[i]`: up to the line where its brackets balance. */
function jsonBlock(lines: Line[], i: number): { text: string; end: number } {
  let depth = 0;
  let inString = false;
  for (let j = i; j < lines.length; j++) {
    const text = lines[j]!.text;
    for (let k = 0; k < text.length; k++) {
      const c = text[k];
      if (inString) {
        if (c === "\\") k++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") depth--;
    }
    if (depth === 0) return { text: lines.slice(i, j + 1).map((l) => l.text).join("\n"), end: j };
  }
  throw new Error(`line ${lines[i]!.n}: a JSON block that never closes`);
}

const METHODS = "GET|POST|PUT|PATCH|DELETE";

// ---------------------------------------------------------------------------------------------------------------
// Endre (endre.txt): "GET/v1/projects" headings; "Parameters" / "Request Body" / "Input" lists of
// "  • name (type, optional): …"; no status for successes, no JSON examples.

export function endreDoc(): DocOperation[] {
  const { file, lines } = readSeed("endre.txt");
  const ops: DocOperation[] = [];
  // The token endpoint (Authentication): a path without a method; OAuth2 password credentials.
  const token = lines.find((l) => l.text === "/token");
  if (token) ops.push({ methods: [], path: "/token", params: [], examples: [], where: `${file}:${token.n}` });
  let op: DocOperation | undefined;
  let rawPath = "";
  let section: ParamLocation | "other" = "other";
  for (const { n, text } of lines) {
    const where = `${file}:${n}`;
    const head = new RegExp(`^(${METHODS})(/\\S*)$`).exec(text);
    if (head) {
      // FastAPI answers 200 unless a route sets another status_code; the page names no other success status.
      op = { methods: [head[1]!.toLowerCase()], path: normalizePath(head[2]!), params: [], success: 200, examples: [], where };
      ops.push(op);
      [rawPath, section] = [head[2]!, "other"];
      continue;
    }
    if (!op) continue;
    if (text === "Parameters") section = "query"; // POST inputs: "Parameters", as against PATCH's "Request Body"
    else if (text === "Request Body") section = "body";
    else if (text === "Input") section = "query"; // GET inputs; the path's own are path parameters (below)
    else if (/^(Response|Access Validation|Empty Case|Description)\b/.test(text)) section = "other";
    const item = /^ {2}• (\w+) \(([^)]*)\)/.exec(text);
    if (item && section !== "other") {
      const [, name, info] = item;
      op.params.push({ name: name!, in: rawPath.includes(`{${name}}`) ? "path" : section, required: !/\boptional\b/.test(info!), where });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------------------
// 12Build (12build.txt): name, path, a parameter table ("name [1] query|template|file …"), one response example.
// No methods, no statuses.

/** Example repairs recorded in specs/12build/NOTES.md (§7 Examples). */
const TWELVEBUILD_FIXES: Record<string, (t: string) => string> = {
  // NOTES §7: "in listCommunication (line 224) the status placeholder … is replaced by "offer"" (the field is an enum).
  "12build.txt:201": (t) => t.replace('"unknown|rejected|calculating|offer|offerwaiting|granted|inbudget|notgranted"', '"offer"'),
};

export function twelveBuildDoc(): DocOperation[] {
  const { file, lines } = readSeed("12build.txt");
  const ops: DocOperation[] = [];
  for (let i = 0; i + 2 < lines.length; i++) {
    const [name, path, params] = [lines[i]!, lines[i + 1]!, lines[i + 2]!];
    if (!/^[a-z]\w*$/.test(name.text) || !path.text.startsWith("/") || params.text !== "Parameters") continue;
    const where = `${file}:${path.n}`;
    const op: DocOperation = { name: name.text, methods: [], path: normalizePath(path.text), params: [], examples: [], where };
    ops.push(op);
    let j = i + 4; // after the table's header row
    for (; j < lines.length && lines[j]!.text !== "Response"; j++) {
      const row = /^(\S+) (?:(1) )?(query|template|file)\b/.exec(lines[j]!.text);
      if (!row) throw new Error(`${file}:${lines[j]!.n}: not a parameter row: ${lines[j]!.text}`);
      const loc: ParamLocation = row[3] === "template" ? "path" : row[3] === "file" ? "body" : "query";
      op.params.push({ name: row[1]!, in: loc, required: row[2] === "1", where: `${file}:${lines[j]!.n}` });
    }
    const body = lines[j + 1];
    if (body && /^[[{]/.test(body.text)) {
      const { text } = jsonBlock(lines, j + 1);
      op.examples.push({ kind: "response", value: parseJson(text, where, TWELVEBUILD_FIXES), where: `${file}:${body.n}` });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------------------
// Blikk (blikk.txt): per operation a title, "Required permissions", parameter sections (name / [required] /
// type / description), "Status codes" (the first 2xx is the success), then "METHOD /path/:id" and one-line
// JSON examples under "Request body" / "Example request" / "Response". The token request is in the overview.

/** Example repairs recorded in specs/blikk/NOTES.md (E4: trailing commas in the contact request examples). */
const BLIKK_FIXES: Record<string, (t: string) => string> = {
  "blikk.txt:498": (t) => t.replace(/,\s*}/g, " }"),
  "blikk.txt:596": (t) => t.replace(/,\s*}/g, " }"),
};

const BLIKK_PARAM_SECTIONS: Record<string, ParamLocation | "path-or-query"> = {
  Parameters: "path-or-query",
  "Request parameters": "path-or-query",
  "Paging parameters": "query",
  "Sorting parameters": "query",
  "Filter parameters": "query",
  "Request object": "body",
};

export function blikkDoc(): DocOperation[] {
  const { file, lines } = readSeed("blikk.txt");
  const ops: DocOperation[] = [];
  const sig = new RegExp(`^(${METHODS}) (/v1/\\S*)$`);
  // The token request (overview): "Token request", "POST /v1/Auth/Token", headers, "Response", one JSON line.
  const t = lines.findIndex((l) => l.text === "Token request");
  if (t >= 0) {
    const m = sig.exec(lines[t + 1]!.text);
    const resp = lines.findIndex((l, k) => k > t && l.text === "Response");
    if (m && resp > 0) {
      ops.push({
        methods: [m[1]!.toLowerCase()],
        path: normalizePath(m[2]!),
        params: [],
        examples: [{ kind: "response", value: parseJson(lines[resp + 1]!.text, `${file}:${lines[resp + 1]!.n}`, BLIKK_FIXES), where: `${file}:${lines[resp + 1]!.n}` }],
        where: `${file}:${lines[t + 1]!.n}`,
      });
    }
  }
  // Parameters collected since the previous operation's signature belong to the next signature
  // ("METHOD /v1/…" without example values, followed by its example). A "Status codes" list belongs to the
  // next signature too, or to the last one when it came first (Get time report, whose sub-object tables sit
  // between its signature and its status codes).
  let pending: { name: string; in: ParamLocation | "path-or-query"; required: boolean; where: string }[] = [];
  let section: ParamLocation | "path-or-query" | undefined;
  let statuses: number[] | undefined;
  let inStatuses = false;
  let op: DocOperation | undefined;
  let awaitsStatuses = false;
  let exampleKind: DocExample["kind"] | undefined;
  const successOf = (list: number[]) => list.find((s) => s >= 200 && s < 300);
  const start = lines.findIndex((l) => l.text === "Core resources");
  for (let i = start; i < lines.length; i++) {
    const { n, text } = lines[i]!;
    const where = `${file}:${n}`;
    const m = sig.exec(text);
    if (m && !/\?|\/\d+(\/|$)/.test(m[2]!) && /^(Example request|Request example|Request body)$/.test(lines[i + 1]?.text ?? "")) {
      const path = m[2]!;
      op = {
        methods: [m[1]!.toLowerCase()],
        path: normalizePath(path),
        params: pending.map((p) => ({ ...p, in: p.in === "path-or-query" ? (path.includes(`:${p.name}`) ? "path" : "query") : p.in })),
        success: statuses ? successOf(statuses) : undefined,
        examples: [],
        where,
      };
      ops.push(op);
      awaitsStatuses = !statuses;
      [pending, statuses, inStatuses, section, exampleKind] = [[], undefined, false, undefined, undefined];
      continue;
    }
    if (text === "Status codes") {
      [inStatuses, statuses, section] = [true, [], undefined];
      continue;
    }
    const status = /^(\d{3}) [A-Za-z]/.exec(text);
    if (inStatuses && status) {
      statuses!.push(Number(status[1]));
      if (op && awaitsStatuses) op.success = successOf(statuses!);
      continue;
    }
    if (inStatuses && !/^(Indicates|If|The) /.test(text)) {
      // The list has ended; one that went to the operation before is not the next one's.
      if (awaitsStatuses) [statuses, awaitsStatuses] = [undefined, false];
      inStatuses = false;
    }
    if (text in BLIKK_PARAM_SECTIONS || / properties$/.test(text)) {
      // "Contact creation properties", "Contact update properties": the request body's fields.
      [section, exampleKind] = [BLIKK_PARAM_SECTIONS[text] ?? "body", undefined];
      continue;
    }
    if (text === "Response object" || text.startsWith('Object "') || text === "Required permissions") section = undefined;
    if (section && /^[A-Za-z][\w.]*$/.test(text)) {
      const required = lines[i + 1]?.text === "required";
      pending.push({ name: text, in: section, required, where });
      i += required ? 3 : 2; // name, [required], type, description
      continue;
    }
    if (!op) continue;
    if (text === "Request body" || text === "Example request") exampleKind = "request";
    else if (text === "Response") exampleKind = "response";
    else if (text.startsWith('Object "')) exampleKind = undefined;
    else if (/^[[{]/.test(text) && exampleKind) {
      op.examples.push({ kind: exampleKind, value: parseJson(text, where, BLIKK_FIXES), where });
    } else if (/^[[{]/.test(text) && lines[i - 1]?.text.startsWith('Object "')) {
      const ex = blikkSubObject(op, op.examples.at(-1)?.value, parseJson(text, where, BLIKK_FIXES), where);
      op.examples.push(ex);
    }
  }
  // A response example is the documented success's (Get time report's status codes follow its example).
  for (const o of ops) for (const ex of o.examples) if (ex.kind === "response") ex.status ??= o.success;
  // "All list endpoints will return a standard list response": its example, for every operation with paging.
  const list = lines.findIndex((l) => l.text === "Example list response");
  if (list >= 0) {
    const where = `${file}:${lines[list + 1]!.n}`;
    const value = parseJson(lines[list + 1]!.text, where, BLIKK_FIXES);
    for (const o of ops) if (o.params.some((p) => p.name === "page")) o.examples.push({ kind: "response", status: o.success, value, where });
  }
  // The overview's rate-limit and status-code examples hold for every operation that declares their status
  // ("{ …, ... }" at the 200 is an elided illustration and "[Empty]" an empty body, not JSON).
  const general: DocOperation = { methods: [], path: "*", params: [], examples: [], where: `${file}: overview` };
  let status: number | undefined;
  for (const { n, text } of lines.slice(lines.findIndex((l) => l.text === "Rate limiting"), lines.findIndex((l) => l.text === "Lists, sorting and filtering"))) {
    const st = /^(\d{3}) [A-Z]/.exec(text) ?? /response code to your requests will be (\d{3})/.exec(text);
    if (st) status = Number(st[1]);
    else if (/^[[{]/.test(text) && !text.includes("...") && text !== "[Empty]") {
      general.examples.push({ kind: "response", status, value: parseJson(text, `${file}:${n}`, BLIKK_FIXES), where: `${file}:${n}` });
    }
  }
  ops.push(general);
  return ops;
}

/**
 * The time report's stand-alone sub-object examples (`Object "timereport.detail.travelreport"`, …) placed where
 * the report's table puts them, in the report's own example: `travelreport` → `travelReport`, `materialreport` →
 * `materials` (an array), `…travelreport.companycar` → `travelReport.companyCar`. Each placement stays for the
 * next, so a nested object lands in its parent's example.
 */
function blikkSubObject(op: DocOperation, placed: unknown, value: unknown, where: string): DocExample {
  const main = op.examples.find((e) => e.kind === "response");
  const objectName = isRecord(value) ? value.objectName : undefined;
  const root = main && isRecord(main.value) ? main.value.objectName : undefined;
  if (!main || typeof objectName !== "string" || typeof root !== "string" || !objectName.startsWith(`${root}.`)) {
    throw new Error(`${where}: a sub-object example without the operation's response example to place it in`);
  }
  const composite = structuredClone(placed ?? main.value);
  let parent: unknown = composite;
  const segments = objectName.slice(root.length + 1).split(".");
  segments.forEach((seg, k) => {
    if (!isRecord(parent)) throw new Error(`${where}: no object to hold ${seg}`);
    const key = Object.keys(parent).find((p) => p.toLowerCase() === seg || p.toLowerCase() === `${seg.replace(/report$/, "")}s`);
    if (!key) throw new Error(`${where}: the response example has no field for ${seg}`);
    if (k === segments.length - 1) parent[key] = Array.isArray(parent[key]) ? [value] : value;
    parent = Array.isArray(parent[key]) ? parent[key][0] : parent[key];
  });
  return { kind: "response", value: composite, where: `${where} (placed in ${main.where})` };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------------------------
// Simplo IS (simplo-projects.txt, simplo-reports.txt): each operation opens with "This method needs|requires …",
// after a title and usually a "METHOD[/METHOD] /api/v0/…" heading; request lines "GET /api/v0/… HTTP/1.1"
// (with `?hash=` where the method "needs report hash"); status lines "200 OK"; multi-line JSON blocks.

/** Example repairs recorded in specs/simplo/NOTES.md ("P:232-234 … trailing comma removed"). */
const SIMPLO_FIXES: Record<string, (t: string) => string> = {
  "simplo-projects.txt:232": (t) => t.replace(/,\s*}/, "\n}"),
};

export function simploDoc(): DocOperation[] {
  return [...simploFile("simplo-projects.txt"), ...simploFile("simplo-reports.txt")];
}

function simploFile(name: string): DocOperation[] {
  const { file, lines } = readSeed(name);
  const anchors = lines.map((l, i) => (/^This method (needs|requires)\b/.test(l.text) ? i : -1)).filter((i) => i >= 0);
  const heading = new RegExp(`^((?:${METHODS})(?:/(?:${METHODS}))*) (/api/\\S+)$`);
  const request = new RegExp(`^(${METHODS}) (/api/\\S+?)(?: HTTP/1\\.1)?$`);
  // A section starts at its title: the line before the heading, or before the anchor when there is no heading.
  const starts = anchors.map((a) => (heading.test(lines[a - 1]!.text) ? a - 2 : a - 1));
  return anchors.map((a, k) => {
    const body = lines.slice(a, starts[k + 1] ?? lines.length);
    const head = heading.exec(lines[a - 1]!.text);
    // Method and path from the heading, else from the first example request (View Public Report has no heading).
    const [, methodText = "", path = ""] = head ?? body.map((l) => request.exec(l.text)).find((m) => m) ?? [];
    if (!path) throw new Error(`${file}:${lines[a]!.n}: no path for this operation`);
    const methods = methodText.toLowerCase().split("/");
    const op: DocOperation = { methods, path: normalizePath(path), params: [], examples: [], where: `${file}:${lines[a - 1]!.n}` };
    // Query parameters from the example requests; "This method needs report hash" makes `hash` required.
    const needsHash = /needs report hash/.test(lines[a]!.text);
    for (const l of body) {
      for (const [, q = ""] of request.exec(l.text)?.[2]?.matchAll(/[?&]([^=&]+)=/g) ?? []) {
        if (!op.params.some((p) => p.name === q)) op.params.push({ name: q, in: "query", required: needsHash && q === "hash" ? true : undefined, where: `${file}:${l.n}` });
      }
    }
    // Path parameters from the heading's template.
    for (const p of head?.[2]?.matchAll(/\{(\w+)\}/g) ?? []) op.params.push({ name: p[1]!, in: "path", required: true, where: op.where });
    // The request table "ParamTypeDescriptionRequirements": "stateintReport stateRequired. …" (PUT; "For PATCH
    // method any field can be omitted").
    const table = body.findIndex((l) => l.text === "ParamTypeDescriptionRequirements");
    let status: number | undefined;
    let kind: DocExample["kind"] = "request";
    let call: string | undefined;
    for (let i = 0; i < body.length; i++) {
      const { n, text } = body[i]!;
      const field = table >= 0 && i > table ? /^([a-z_]+?)(int|string|bool)[A-Z]/.exec(text) : null;
      if (field) {
        const required = /Required\./.test(text);
        for (const method of methods) {
          op.params.push({ name: field[1] ?? "", in: "body", required: method === "patch" ? false : required, methods: [method], where: `${file}:${n}` });
        }
        continue;
      }
      const st = /^(\d{3}) [A-Z]/.exec(text);
      if (st) {
        status = Number(st[1]);
        kind = "response";
        if (status >= 200 && status < 300 && op.success === undefined) op.success = status;
        continue;
      }
      if (/^Responses?$/.test(text)) kind = "response";
      const rq = request.exec(text);
      if (rq) call = rq[1]!.toLowerCase();
      if (/^[[{]/.test(text)) {
        const block = jsonBlock(body, i);
        const where = `${file}:${n}`;
        const value = parseJson(block.text, where, SIMPLO_FIXES);
        // A request example belongs to the method its request line names, when that is one of the operation's.
        const ex: DocExample = { kind, value, where };
        if (kind === "response") ex.status = status;
        else if (call && methods.length > 1 && methods.includes(call)) ex.methods = [call];
        op.examples.push(ex);
        // "This method requires hash …" with the hash in the request's JSON body (Approve Report).
        if (kind === "request" && /requires hash/.test(lines[a]!.text) && value && typeof value === "object" && "hash" in value) {
          op.params.push({ name: "hash", in: "body", required: true, where });
        }
        i = block.end;
      }
    }
    return op;
  });
}

/** Every vendor's doc reader, by spec folder name. */
export const SEED_DOCS: Record<string, () => DocOperation[]> = {
  endre: endreDoc,
  "12build": twelveBuildDoc,
  blikk: blikkDoc,
  simplo: simploDoc,
};

/** The spec's operations a doc operation stands for: one per documented method, else by name (12Build) or path. */
export function matchOperations(doc: DocOperation, ops: Operation[]): { method: string; op: Operation | undefined }[] {
  if (doc.path === "*") return ops.map((op) => ({ method: op.method, op }));
  const onPath = ops.filter((o) => normalizePath(o.path) === doc.path);
  if (doc.methods.length) return doc.methods.map((method) => ({ method, op: onPath.find((o) => o.method === method) }));
  if (doc.name) return [{ method: "(by name)", op: onPath.find((o) => o.operationId === doc.name) }];
  return [{ method: "(any)", op: onPath[0] }];
}

/** The spec folder a bundled spec was built from: `"specyard": { "spec": … }` in the package.json beside it. */
export function specFolderOf(specFile: string): string {
  const pkg = join(dirname(specFile), "package.json");
  const folder: unknown = existsSync(pkg) ? JSON.parse(readFileSync(pkg, "utf8")).specyard?.spec : undefined;
  if (typeof folder !== "string") throw new Error(`${pkg} names no "specyard": { "spec": … }`);
  return folder;
}

/** operationId → the success status the vendor's doc gives for it (only where it gives one). */
export function documentedSuccess(folder: string, ops: Operation[]): Map<string, number> {
  const read = SEED_DOCS[folder];
  const out = new Map<string, number>();
  // A vendor without a doc reader yet (one just added by `pnpm new-vendor`): its spec's one declared 2xx.
  if (!read) return out;
  for (const doc of read()) {
    if (doc.success === undefined) continue;
    for (const { op } of matchOperations(doc, ops)) if (op) out.set(op.operationId, doc.success);
  }
  return out;
}
