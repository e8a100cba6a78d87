// Node, Bun and Deno: `<runtime> cli.mjs <origin> <run>` prints the results as one JSON line.
import { smoke } from "./smoke.mjs";

const [origin, run] = (globalThis.Deno?.args ?? process.argv.slice(2));
const results = await smoke(origin, Number(run));
console.log(JSON.stringify(results));
