// Opens every page of the built docs site (site/, from `pnpm build`) in headless Chromium, served by
// a local static server, and checks what a reader gets: no console errors, no failed requests, no
// request to any other host, the index lists every API of redocly.yaml with the spec's version and
// operation count, and each Redoc page renders exactly the spec's operations.
// Screenshots of every page go to .tmp/screenshots/.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENTS, clientOf, operationCalls, type Call } from "../lib/samples.mjs";
import { MANIFEST, ROOT, SITE_DIR, bundleApi, findVendorPackage, listApis, listOperations, mapLimit } from "../lib/specs.mjs";
import { serveStatic } from "../lib/static-server.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SHOTS = join(ROOT, ".tmp/screenshots");
const VIEWPORT = { width: 1280, height: 900 };

const apis = listApis();
type Spec = Awaited<ReturnType<typeof bundleApi>>;
const specs = new Map<string, Spec>();
let browser: Browser;
let manifest: { apis: { name: string; sample?: { operationId?: string } | null }[] };
let site: Awaited<ReturnType<typeof serveStatic>>;

/** Everything that went wrong while a page was open. */
interface Problems {
  consoleErrors: string[];
  failedRequests: string[];
  externalRequests: string[];
}

/** Opens `path` of the local site in a fresh context that refuses (and records) every request to another host. */
async function open(path: string): Promise<{ page: Page; context: BrowserContext; problems: Problems }> {
  const problems: Problems = { consoleErrors: [], failedRequests: [], externalRequests: [] };
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "block" });
  const local = new URL(site.url).origin;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === local) return route.continue();
    problems.externalRequests.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (err) => problems.consoleErrors.push(`uncaught: ${err.message}`));
  page.on("requestfailed", (req) => {
    const url = req.url();
    // data:/blob: URLs are the page's own (Redoc's workers and downloads); externals are reported apart.
    if (!/^(data|blob):/.test(url) && new URL(url).origin === local) problems.failedRequests.push(`${url}: ${req.failure()?.errorText}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.failedRequests.push(`${res.url()}: HTTP ${res.status()}`);
  });
  // Five pages load side by side on two cores: a bound well above the 30 s default.
  const res = await page.goto(`${site.url}/${path}`, { waitUntil: "load", timeout: 90_000 });
  expect(res?.status(), `GET /${path}`).toBe(200);
  return { page, context, problems };
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

beforeAll(async () => {
  if (!existsSync(join(SITE_DIR, "index.html"))) throw new Error("site/ is missing: run `pnpm build` first");
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(SHOTS, { recursive: true });
  manifest = JSON.parse(readFileSync(join(SITE_DIR, MANIFEST), "utf8"));
  const [b, s, bundled] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
    serveStatic({ dir: SITE_DIR, port: 0 }),
    mapLimit(apis, 2, (api) => bundleApi(api.name)),
  ]);
  browser = b;
  site = s;
  apis.forEach((api, i) => specs.set(api.name, bundled[i]));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("docs site in Chromium", () => {
  // Every page is independent: check them side by side (one browser context each).
  it.concurrent("index lists every API with version, operation count, base URL, install line and usage", async ({ expect }) => {
    const { page, context, problems } = await open("");
    const cards = page.locator("[data-vendor]");
    expect(apis.length, "APIs in redocly.yaml").toBeGreaterThan(0);
    expect(await cards.count()).toBe(apis.length);
    expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-vendor")))).toEqual(apis.map((a) => a.name));
    for (const api of apis) {
      const spec = specs.get(api.name)!;
      const card = page.locator(`[data-vendor="${api.name}"]`);
      await expect.poll(() => card.locator(".version").innerText()).toBe(String(spec.info.version));
      expect(Number(await card.locator(".operations").innerText())).toBe(listOperations(spec).length);
      const base = await card.locator(".base-url").innerText();
      expect(base).toMatch(/^https?:\/\/[^{}\s]+$/); // server variables filled in
      const pkgName = findVendorPackage(api.name)?.name ?? `@specyard/${api.name}`;
      expect(await card.locator(".install").innerText()).toBe(`npm install ${pkgName}`);
      const usage = await card.locator(".usage").innerText();
      expect(usage).toContain(`from "${pkgName}"`);
      expect(usage).toMatch(/const (\w+) = create\w*Client\(\{[\s\S]*(await|of) \1\.(GET|POST|PUT|PATCH|DELETE|paginate)\("\//);
      expect(await card.locator("a.reference").getAttribute("href")).toBe(`${api.name}.html`);
      expect(await card.locator("[data-mock-for]").isHidden()).toBe(true); // no mocks outside `pnpm start`
    }
    // Every local link of the index resolves.
    const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of new Set(hrefs)) {
      const res = await context.request.get(href);
      expect(res.status(), href).toBe(200);
    }
    await page.screenshot({ path: join(SHOTS, "index.png"), fullPage: true });
    expect(problems.externalRequests, "requests to other hosts").toEqual([]);
    expect(problems.failedRequests, "failed requests").toEqual([]);
    expect(problems.consoleErrors, "console errors").toEqual([]);
    await context.close();
  });

  for (const api of apis) {
    it.concurrent(`${api.name}: Redoc renders exactly the spec's operations`, async ({ expect }) => {
      const spec = specs.get(api.name)!;
      const expected = listOperations(spec).map((o) => norm(o.operationId ?? `${o.method}${o.path}`));
      const { page, context, problems } = await open(`${api.name}.html`);
      await page.waitForSelector("[data-section-id]", { timeout: 20_000 });
      expect(await page.title()).toContain(spec.info.title);
      // The search box reads "Loading…" until its index is built; the screenshot is nicer after.
      await page
        .waitForFunction(() => !/loading/i.test(document.querySelector('[data-testid="search-trigger"]')?.textContent ?? ""), null, { timeout: 5_000 })
        .catch(() => {});
      await page.screenshot({ path: join(SHOTS, `${api.name}.png`) });

      // Redoc 3 shows a tag's operations when the tag's route is open, as lazy sections
      // ([data-section-id="/<tag>/<operation>"]) that mount when scrolled near; a mounted operation
      // section carries data-item-kind="httpItem". Open every tag, scroll each placeholder into view
      // until all have mounted, and collect the operation sections.
      const tags = await page
        .locator("[data-section-id]")
        .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-section-id")!).filter((id) => /^\/[^/]+$/.test(id)))]);
      const rendered = new Set<string>();
      const t0 = Date.now();
      // On a busy machine a tag's sections may take longer than the waits below: tags that gave nothing
      // are opened again, up to three passes in all, until every operation of the spec has mounted.
      const visited = new Set<string>();
      for (let pass = 0; pass < 3 && rendered.size < expected.length; pass++) {
        for (const tag of tags.filter((t) => !visited.has(t))) {
          await page.evaluate((t) => (location.hash = `#${t}`), tag);
          const hasOps = await page
            .waitForSelector(`[data-section-id^="${tag}/"]`, { timeout: 5_000 })
            .then(() => true)
            .catch(() => false); // a tag without operations
          if (!hasOps) continue;
          const { ids, complete } = await page.evaluate(async (t) => {
            const deadline = Date.now() + 15_000;
            const placeholder = () => document.querySelector(`[data-section-id^="${t}/"]:not([data-item-kind])`);
            while (Date.now() < deadline && placeholder()) {
              placeholder()!.scrollIntoView();
              await new Promise((r) => requestAnimationFrame(() => r(null)));
            }
            const ids = [...document.querySelectorAll(`[data-item-kind="httpItem"][data-section-id^="${t}/"]`)].map((e) => e.getAttribute("data-section-id")!);
            return { ids, complete: !placeholder() };
          }, tag);
          ids.forEach((id) => rendered.add(id));
          if (complete) visited.add(tag);
        }
      }
      if (process.env.DEBUG_DOCS_TEST) console.log(`${api.name}: ${tags.length} tags, ${rendered.size} operations mounted in ${Date.now() - t0} ms`);
      const renderedOps = [...rendered].map((id) => norm(id.split("/").pop()!));
      expect(rendered.size, `operation sections rendered on ${api.name}.html`).toBe(expected.length);
      expect(renderedOps.sort()).toEqual([...expected].sort());

      // A reader's view of one operation: the one the index's usage example calls.
      const sampleId = norm(manifest.apis.find((a) => a.name === api.name)?.sample?.operationId ?? "");
      const shown = [...rendered].find((id) => norm(id.split("/").pop()!) === sampleId) ?? [...rendered][0]!;
      await page.evaluate((id) => (location.hash = `#${id}`), shown);
      await page.locator(`[data-section-id="${shown}"]`).scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, `${api.name}-operation.png`) });

      // Two operations' TypeScript samples: a paged list, download or upload if there is one, and the
      // last operation that is not the token exchange. Each is in the operation's request samples, visible, and calls the operation's path.
      const vendor = api.name in CLIENTS ? (api.name as keyof typeof CLIENTS) : undefined;
      expect(vendor, `${api.name} has a client in scripts/lib/samples.mjs`).toBeDefined();
      // The token operation's sample shows the client's own exchange instead (samples.mjs): not a pick.
      const calls = vendor ? operationCalls(vendor, spec).calls.filter((c) => c.operation !== clientOf(vendor).token?.operation) : [];
      const special = calls.find((c) => c.paged || c.download || c.upload) ?? calls[0];
      const picked = [special, calls.at(-1)].filter((c): c is Call => c !== undefined);
      expect(new Set(picked).size).toBe(2);
      for (const [i, call] of picked.entries()) {
        const id = [...rendered].find((r) => norm(r.split("/").pop() ?? "") === norm(call.operationId ?? ""));
        expect(id, `section of ${call.operation}`).toBeDefined();
        await page.evaluate((target) => (location.hash = `#${target}`), id);
        const section = page.locator(`[data-section-id="${id}"]`);
        await section.scrollIntoViewIfNeeded();
        const pkgName = vendor ? clientOf(vendor).pkg : "";
        const code = section.locator('[data-testid="source-code"]', { hasText: pkgName }).first();
        await expect.poll(() => code.isVisible(), { timeout: 10_000 }).toBe(true);
        await expect.poll(() => section.getByText(pkgName, { exact: true }).first().isVisible()).toBe(true); // the tab
        const text = await code.innerText();
        const client = vendor ? clientOf(vendor).variable : "";
        expect(text).toContain(`import { ${vendor ? clientOf(vendor).factory : ""}`);
        expect(text).toContain(`${client}.${call.paged ? "paginate" : call.method.toUpperCase()}("${call.path}"`);
        await code.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `${api.name}-sample-${i + 1}.png`) });
      }
      expect(problems.externalRequests, "requests to other hosts").toEqual([]);
      expect(problems.failedRequests, "failed requests").toEqual([]);
      expect(problems.consoleErrors, "console errors").toEqual([]);
      await context.close();
    }, 120_000); // four pages side by side on a shared machine
  }
});
