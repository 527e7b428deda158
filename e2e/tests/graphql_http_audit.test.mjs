// Outside judge: the `graphql-http` package's GraphQL-over-HTTP server audit
// against the real server. Every MUST and SHOULD holds (no error, no
// warning); the MAYs left as notices are choices (GET is refused, see
// backend/src/graphql/transport.rs).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { auditServer } from "graphql-http";
import { startApp } from "../harness.mjs";

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.stop();
});

test("the GraphQL-over-HTTP audit passes with no error and no warning", async () => {
  const results = await auditServer({ url: `${app.url}/graphql` });
  const failed = results.filter((r) => r.status === "error" || r.status === "warn");
  const notices = results.filter((r) => r.status === "notice").map((r) => `${r.id} ${r.name}`);
  console.log(
    `graphql-http audit: ${results.filter((r) => r.status === "ok").length} ok, ` +
      `${notices.length} notices (${notices.join("; ")})`,
  );
  assert.deepEqual(
    failed.map((r) => `${r.status} ${r.id} ${r.name}: ${r.reason}`),
    [],
  );
});
