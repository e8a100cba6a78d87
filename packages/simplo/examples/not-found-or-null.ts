// The throwing style (`throwOnError: true`): a missing report becomes `null`, anything else rethrows.
import { NotFoundError, type SimploClient, type components } from "../src/index.js";

type Report = components["schemas"]["Report"];

export default async function (simplo: SimploClient<true>): Promise<Report | null> {
  try {
    const { data } = await simplo.GET("/api/v0/reports/{report_id}", { params: { path: { report_id: 11 } } });
    return data;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}
