// @ts-check
/** Runs the contact server in its own process (see startContactServerProcess). */
import { startContactServer } from "./servers.mjs";

const server = await startContactServer({ items: Number(process.argv[2] ?? 25) });
process.send?.({ url: server.url, bodyBytes: server.bodyBytes });
process.on("message", (m) => {
  if (m === "counts") process.send?.({ counts: server.counts });
});
process.on("disconnect", () => process.exit(0));
