// Chromium: the page runs the flow against the API on another origin and leaves the results on window.
import { smoke } from "./smoke.mjs";

const params = new URL(location.href).searchParams;
window.smokeResults = smoke(params.get("origin"), Number(params.get("run")));
