// Cold start, node-config: the same values as its three JSON files (default, staging, local), read on import.
process.env.NODE_CONFIG_DIR = `${process.argv[2]}/nodeconfig`;
process.env.NODE_CONFIG_ENV = "staging";
process.env.SUPPRESS_NO_CONFIG_WARNING = "1";
const { default: config } = await import("config");
const values = config.util.toObject();
if (process.argv[3] === "--print") console.log(JSON.stringify(values));
