// The example service with a broken .env.staging, for the README's tour: same settings and policies.
export { default } from "../service/cfg.config.js";
