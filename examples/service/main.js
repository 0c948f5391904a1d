// A small order service that refuses to start on invalid settings (exit 78) and answers GET /healthz.
// Run from this directory: `node main.js` (CFG_ENV picks the environment), or `node main.js --describe`
// to print every setting with its origin and exit.
import { createServer } from "node:http";
import { describeSettings, fingerprint, loadSettings } from "cfgkit";
import { settings } from "./settings.js";

const describeOnly = process.argv.includes("--describe");
// One startup line with the fingerprint, so `cfg hash --env <name>` can be compared with what runs.
const config = loadSettings(settings, { log: !describeOnly });

if (describeOnly) {
  const description = describeSettings(config);
  const width = Math.max(...description.settings.map((s) => s.envName.length));
  process.stdout.write(`environment: ${description.environment}\n`);
  for (const setting of description.settings) {
    process.stdout.write(`${setting.envName.padEnd(width)}  ${setting.value}  (${setting.origin})\n`);
  }
  process.exit(0);
}

const server = createServer((request, response) => {
  if (request.method === "GET" && request.url === "/healthz") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({ status: "ok", environment: config.env, fingerprint: fingerprint(config).fingerprint }),
    );
    return;
  }
  response.writeHead(404, { "content-type": "application/json" });
  response.end(JSON.stringify({ error: "not found" }));
});

server.requestTimeout = config.requestTimeoutMs;
server.listen(config.http.port, config.http.host, () => {
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  process.stdout.write(`order service (${config.env}) listening on http://${config.http.host}:${port}\n`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
