import { VENDOR_TARGETS, measureBundle } from "./bundle.mjs";
for (const t of VENDOR_TARGETS) { const r = await measureBundle(t); console.log(t.pkg, r.gzipBytes, r.bytes, "lazy", r.lazyGzipBytes, r.auth, r.parts); }
