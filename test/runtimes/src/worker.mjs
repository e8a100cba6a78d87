// Cloudflare Workers (workerd): GET /?origin=…&run=… answers the results as JSON.
import { smoke } from "./smoke.mjs";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    return Response.json(await smoke(url.searchParams.get("origin"), Number(url.searchParams.get("run"))));
  },
};
