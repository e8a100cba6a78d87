#!/usr/bin/env node
// @ts-check
// pnpm release:rehearse: the release flow against a real registry, end to end.
//   1. Verdaccio on loopback (lib/verdaccio.mjs);
//   2. a throwaway copy of the workspace: `pnpm release:version` there (changeset version plus the
//      API changes in each CHANGELOG), then `pnpm -r publish` of every public package to Verdaccio;
//   3. every published tarball checked (lib/tarballs.mjs), and release:check run against the
//      registry (each spec must now equal the openapi.json just published);
//   4. a fresh consumer outside the workspace `npm install`s the packages from the registry,
//      type-checks consumer/program.ts (strict; bundler and nodenext), runs it against the
//      packages' mocks, require()s each package, runs `npx @specyard/verify --help`.
// Verdaccio is stopped by its PID. The last line: `rehearsal: N packages published, consumer ok`.
// Needs built packages (pnpm build). KEEP_REHEARSAL=1 keeps the temporary folder.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "../lib/specs.mjs";
import { checkRelease, formatRaised, formatVerdicts, releasePlan } from "./lib/gate.mjs";
import { checkTarball } from "./lib/tarballs.mjs";
import { startVerdaccio } from "./lib/verdaccio.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const TSC = join(dirname(require.resolve("typescript/package.json")), "bin/tsc");
/** What the issue asks a user to install (core and mock come along; mock for the `./mock` entries). */
const CONSUMER_INSTALLS = ["@specyard/blikk", "@specyard/12build", "@specyard/endre", "@specyard/simplo", "@specyard/redis", "@specyard/verify", "@specyard/mock"];
const STEP_TIMEOUT_MS = 240_000;
/** msw 3 needs Node >= 22.12 (`Promise.withResolvers`): on an older Node the mock steps run on this one, from npm (as in test/pack and test/runtimes). */
const NODE22 = "node@22.23.3";

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const say = (/** @type {string} */ line) => console.log(`[rehearse ${seconds()} s] ${line}`);

/** Runs a command; rejects with its output when it fails or outlives STEP_TIMEOUT_MS. */
function run(/** @type {string} */ cmd, /** @type {string[]} */ args, /** @type {{ cwd: string, env?: NodeJS.ProcessEnv }} */ { cwd, env }) {
  return new Promise((resolve, reject) => {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(env && /^npm_(config|package|lifecycle)_/i.test(k))));
    const child = spawn(cmd, args, { cwd, env: { ...inherited, NO_COLOR: "1", FORCE_COLOR: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (b) => (out += b));
    child.stderr.on("data", (b) => (out += b));
    const timer = setTimeout(() => child.kill("SIGKILL"), STEP_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(" ")} (in ${cwd}) failed (${signal ?? code}):\n${out.trim().split("\n").slice(-30).join("\n")}`));
    });
  });
}

/** The workspace's packages: folder and manifest, from pnpm-workspace.yaml's globs (one level of `*`). */
function workspacePackages() {
  const globs = [...readFileSync(join(ROOT, "pnpm-workspace.yaml"), "utf8").matchAll(/^\s+-\s+["']?([^"'\n]+)["']?\s*$/gm)].map((m) => String(m[1]));
  const dirs = globs.flatMap((g) => (g.endsWith("/*") ? readdirSync(join(ROOT, g.slice(0, -2)), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(g.slice(0, -2), d.name)) : [g]));
  return dirs
    .filter((d) => existsSync(join(ROOT, d, "package.json")))
    .map((d) => ({ dir: d, manifest: JSON.parse(readFileSync(join(ROOT, d, "package.json"), "utf8")) }));
}

/**
 * A copy of the workspace that `changeset version` and `pnpm publish` can change freely: public
 * packages whole (built outputs included, node_modules left out), private ones by their manifest,
 * and in each package's node_modules a link to every workspace package it names (pnpm reads a
 * `workspace:` dependency's version there when it publishes).
 */
function copyWorkspace(/** @type {string} */ dest) {
  const packages = workspacePackages();
  for (const f of ["package.json", "pnpm-workspace.yaml", "redocly.yaml", ".changeset"]) cpSync(join(ROOT, f), join(dest, f), { recursive: true });
  for (const p of packages) {
    if (p.manifest.private) {
      mkdirSync(join(dest, p.dir), { recursive: true });
      cpSync(join(ROOT, p.dir, "package.json"), join(dest, p.dir, "package.json"));
    } else {
      cpSync(join(ROOT, p.dir), join(dest, p.dir), { recursive: true, filter: (src) => !/[/\\](node_modules|\.turbo)$/.test(src) });
    }
  }
  const byName = new Map(packages.map((p) => [p.manifest.name, p.dir]));
  for (const p of packages) {
    const deps = { ...p.manifest.dependencies, ...p.manifest.devDependencies, ...p.manifest.peerDependencies };
    for (const [name, range] of Object.entries(deps)) {
      const target = byName.get(name);
      if (!String(range).startsWith("workspace:") || !target) continue;
      const link = join(dest, p.dir, "node_modules", name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(relative(dirname(link), join(dest, target)), link);
    }
  }
  // `changeset version` loads the changelog module named in .changeset/config.json from here.
  const changesets = dirname(require.resolve("@changesets/cli/package.json"));
  mkdirSync(join(dest, "node_modules/@changesets"), { recursive: true });
  symlinkSync(changesets, join(dest, "node_modules/@changesets/cli"));
  return packages.filter((p) => !p.manifest.private);
}

/** Each published version's tarball, unpacked and checked. */
async function checkPublished(/** @type {string} */ registry, /** @type {string[]} */ names, /** @type {string} */ dir, /** @type {string} */ token) {
  const problems = [];
  const published = [];
  for (const name of names) {
    const meta = await (await fetch(`${registry}${name.replace("/", "%2f")}`, { signal: AbortSignal.timeout(10_000) })).json();
    const version = meta["dist-tags"]?.latest;
    const tarball = meta.versions?.[version]?.dist?.tarball;
    if (!tarball) {
      problems.push(`${name}: not on the registry`);
      continue;
    }
    published.push(`${name}@${version}`);
    const out = join(dir, name.replace("/", "+"));
    mkdirSync(out, { recursive: true });
    const bytes = Buffer.from(await (await fetch(tarball, { signal: AbortSignal.timeout(30_000) })).arrayBuffer());
    execFileSync("tar", ["-xz", "-C", out], { input: bytes });
    const files = execFileSync("tar", ["-tz"], { input: bytes, encoding: "utf8" })
      .trim()
      .split("\n")
      .filter((f) => !f.endsWith("/"))
      .map((f) => f.replace(/^package\//, ""));
    for (const p of checkTarball(join(out, "package"), files, { extraSecrets: [token] })) problems.push(`${name}@${version}: ${p}`);
  }
  return { problems, published };
}

/** The consumer: a fresh npm project outside the workspace that installs our packages only from the rehearsal registry (the rest from npm, as a user does). */
async function runConsumer(/** @type {string} */ app, /** @type {string} */ registry) {
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "specyard-rehearsal-consumer", private: true, type: "module" }, null, 2));
  // Our packages come from the rehearsal registry only; everything else from npm's own registry, as for a
  // user (proxying all of npmjs through Verdaccio on a busy machine gave msw@undefined packuments).
  writeFileSync(join(app, ".npmrc"), `@specyard:registry=${registry}\n`);
  for (const f of ["program.ts", "run.mjs", "require.cjs"]) cpSync(join(here, "consumer", f), join(app, f));
  // npm as a user runs it: none of the npm_config_* that pnpm and turbo hand their scripts, and a cache of its
  // own (npm's shared cache is written by the other suites' installs at the same time; the registry's
  // random port makes every URL new here anyway).
  const npmEnv = { npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", npm_config_cache: join(app, "..", "npm-cache") };
  const install = () => run("npm", ["install", "--loglevel=error", ...CONSUMER_INSTALLS], { cwd: app, env: npmEnv });
  // Once more after a pause if the registry's proxy to npmjs failed (E500 "uplink is offline"): that is the
  // network between Verdaccio and npmjs, not what is rehearsed. Any other failure, or a second one, fails.
  await install().catch(async (e) => {
    if (!/E500|uplink/.test(String(e?.message))) throw e;
    say("consumer: the registry's uplink failed; installing once more in 6 s");
    await new Promise((r) => setTimeout(r, 6000));
    return install();
  });
  const msw = JSON.parse(readFileSync(join(app, "node_modules/msw/package.json"), "utf8")).version;
  const needsNode22 = Number(msw.split(".")[0]) >= 3 && typeof (/** @type {any} */ (Promise).withResolvers) !== "function";
  /** Runs a file of the consumer on a Node that the installed msw supports. */
  const node = (/** @type {string} */ file) => (needsNode22 ? run("npx", ["-y", NODE22, file], { cwd: app, env: npmEnv }) : run(process.execPath, [file], { cwd: app }));
  say(`consumer: npm installed ${CONSUMER_INSTALLS.length} packages from the registry (msw ${msw}, resolved by npm as @specyard/mock's peer${needsNode22 ? `; mock steps on ${NODE22}` : ""})`);

  const compilerOptions = { target: "ES2022", lib: ["ES2022", "DOM"], strict: true, types: [], noEmit: true };
  writeFileSync(join(app, "tsconfig.bundler.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, module: "ESNext", moduleResolution: "Bundler" }, files: ["program.ts"] }));
  writeFileSync(join(app, "tsconfig.nodenext.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, module: "NodeNext", moduleResolution: "NodeNext", noEmit: false, outDir: "out" }, files: ["program.ts"] }));
  await Promise.all([run(process.execPath, [TSC, "-p", "tsconfig.bundler.json"], { cwd: app }), run(process.execPath, [TSC, "-p", "tsconfig.nodenext.json"], { cwd: app })]);
  say("consumer: program.ts type-checks under strict with moduleResolution bundler and nodenext");

  const result = JSON.parse(String(await node("run.mjs")).trim().split("\n").pop() ?? "{}");
  const expected = { projectName: "P-1001 - Harbour Offices", guarded: true, redisStore: "function" };
  for (const [k, v] of Object.entries(expected)) if (result[k] !== v) throw new Error(`consumer program: ${k} is ${JSON.stringify(result[k])}, expected ${JSON.stringify(v)} (${JSON.stringify(result)})`);
  for (const k of ["contacts", "twelveCount", "reportCount"]) if (!(result[k] > 0)) throw new Error(`consumer program: ${k} is ${result[k]} (${JSON.stringify(result)})`);
  say(`consumer: the program ran against each vendor's ./mock handlers: ${JSON.stringify(result)}`);

  const required = await node("require.cjs").catch((/** @type {Error} */ e) => {
    throw new Error(`consumer: require() from a .cjs file failed: ${e.message.split("\n").slice(1).join(" | ")}`);
  });
  say(`consumer: require() from a .cjs file: ${String(required).trim()}`);

  const help = String(await run("npx", ["--no-install", "@specyard/verify", "--help"], { cwd: app, env: npmEnv }));
  if (!/usage: specyard-verify/.test(help)) throw new Error(`npx @specyard/verify --help printed no usage:\n${help}`);
  say("consumer: npx @specyard/verify --help prints the usage");
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "specyard-rehearse-"));
  /** @type {Awaited<ReturnType<typeof startVerdaccio>> | undefined} */
  let registry;
  try {
    // What Verdaccio proxied from npm is kept between runs (node_modules/.cache), the rest is not.
    registry = await startVerdaccio(join(work, "verdaccio"), { storage: join(ROOT, "node_modules/.cache/specyard-rehearse") });
    say(`verdaccio ${registry.url} (pid ${registry.pid})`);
    const published = await publishAndInstall(work, registry.url);
    await registry.stop();
    console.log(`rehearsal: ${published} packages published, consumer ok`);
  } catch (error) {
    console.error(`rehearsal failed: ${/** @type {Error} */ (error).message}`);
    process.exitCode = 1;
  } finally {
    await registry?.stop();
    if (!process.env.KEEP_REHEARSAL) rmSync(work, { recursive: true, force: true });
    else say(`kept ${work}`);
  }
}

/** Steps 2 to 4 against the registry at `url`; resolves with the number of packages published. */
async function publishAndInstall(/** @type {string} */ work, /** @type {string} */ url) {
  const copy = join(work, "workspace");
  const publicPackages = copyWorkspace(copy);
  const unbuilt = publicPackages.filter((p) => !existsSync(join(copy, p.dir, "dist")));
  if (unbuilt.length) throw new Error(`not built: ${unbuilt.map((p) => p.dir).join(", ")} (run pnpm build)`);
  const token = `rehearsal-${process.pid}-${Date.now()}`;
  writeFileSync(join(copy, ".npmrc"), `${url.replace(/^http:/, "")}:_authToken=${token}\n`);

  const { raised } = await releasePlan(copy);
  if (raised.length) say(formatRaised(raised));
  const versioned = await run(process.execPath, [join(here, "version.mjs"), "--root", copy], { cwd: copy, env: { SPECYARD_REGISTRY: url } });
  say(`release:version in the copy:\n${versioned.trim().split("\n").filter((l) => l.startsWith("release:version")).join("\n")}`);
  const changelog = readFileSync(join(copy, "packages/endre/CHANGELOG.md"), "utf8");
  if (!/### API\n\nFirst release: \d+ operations/.test(changelog) && !/### API changes since/.test(changelog)) {
    throw new Error(`packages/endre/CHANGELOG.md has no API section:\n${changelog.slice(0, 600)}`);
  }

  await run("pnpm", ["-r", "publish", "--access", "public", "--no-git-checks", "--registry", url], { cwd: copy, env: { npm_config_registry: url } });
  const names = publicPackages.map((p) => String(p.manifest.name));
  const { problems, published } = await checkPublished(url, names, join(work, "tarballs"), token);
  say(`published: ${published.join(", ")}`);
  if (problems.length) throw new Error(`the published tarballs:\n  ${problems.join("\n  ")}`);
  say(`tarballs: no tests, no dangling file references, no workspace:/0.0.0 ranges, no secrets in ${published.length} packages`);

  const verdicts = await checkRelease({ root: copy, registry: url });
  if (verdicts.some((v) => !v.ok || v.needed !== "none")) throw new Error(`release:check against the registry after publishing:\n${formatVerdicts(verdicts)}`);
  say("release:check against the registry: every spec equals the openapi.json just published");

  await runConsumer(join(work, "consumer"), url);
  return published.length;
}

await main();
