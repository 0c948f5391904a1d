// Where the order service really runs, for `cfg --config cfg.deploy.config.js …`: each environment is the
// repository's files (as the image carries them) plus what its deployment gives the container.
import { defineConfig } from "cfgkit";
import config from "./cfg.config.js";

const cluster = (environment) => ({
  kubernetes: {
    manifests: `deploy/rendered/${environment}.yaml`,
    workload: "deployment/orders",
    container: "orders",
  },
});

export default defineConfig({
  ...config,
  environments: {
    development: { compose: { service: "orders" } },
    staging: cluster("staging"),
    production: cluster("production"),
  },
});
