// The throwing style (`throwOnError: true`): a missing report becomes `null`, an expired login a
// message read from Simplo's typed error body (`isSimploError`), anything else rethrows.
import { NotFoundError, isSimploError, type SimploClient, type components } from "../src/index.js";

type Report = components["schemas"]["Report"];

export default async function (simplo: SimploClient<true>): Promise<Report | string | null> {
  try {
    const { data } = await simplo.GET("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 } } });
    return data;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    if (isSimploError(err) && err.status === 401 && err.body) {
      return `log in again: ${("text" in err.body ? err.body.text : err.body.message) ?? "session expired"}`;
    }
    throw err;
  }
}
