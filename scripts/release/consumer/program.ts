// A user's program, installed from the registry: one typed call per vendor, the Redis store's
// factory and the error guard. Type-checked under strict with moduleResolution bundler and nodenext
// (no @types/node: the clients need only fetch), then run by run.mjs against the packages' mocks.
import { create12BuildClient } from "@specyard/12build";
import { createBlikkClient } from "@specyard/blikk";
import { createEndreClient, isEndreError, NotFoundError } from "@specyard/endre";
import { createSimploClient } from "@specyard/simplo";
import { createRedisStore } from "@specyard/redis";

/** Set by run.mjs, where the Simplo IS mock answers. */
declare const SIMPLO_URL: string;
const simploUrl = SIMPLO_URL;

const endre = createEndreClient({ username: "jane", password: "pw", throwOnError: true });
const { data: project } = await endre.GET("/v1/projects/{project_id}", {
  params: { path: { project_id: "3fa85f64-5717-4562-b3fc-2c963f66afa6" } },
});
const projectName: string = project.Name;

const blikk = createBlikkClient({ appId: "app", appSecret: "secret", throwOnError: true });
const contacts = await blikk.paginate("/v1/Core/Contacts").toArray();

const twelve = create12BuildClient({ login: "jan", apiKey: "key", throwOnError: true });
const twelveProjects = await twelve.GET("/project/list");
const twelveCount: number = twelveProjects.data.length;

const simplo = createSimploClient({ token: "jwt", baseUrl: simploUrl, throwOnError: true });
const reports = await simplo.GET("/api/v0/reports");
const reportCount: number = reports.data.items.length;

let guarded = false;
try {
  await createEndreClient({ username: "jane", password: "pw", throwOnError: true }).GET("/v1/projects/{project_id}", {
    params: { path: { project_id: "not-a-uuid" } },
  });
} catch (error) {
  guarded = isEndreError(error) || error instanceof NotFoundError;
}

console.log(JSON.stringify({ projectName, contacts: contacts.length, twelveCount, reportCount, guarded, redisStore: typeof createRedisStore }));
