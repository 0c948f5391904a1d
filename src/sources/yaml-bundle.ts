/**
 * The parts of `yaml` cfgkit uses: reading config files (config-yaml.ts, yaml-documents.ts) and `cfg print
 * --format yaml`. The build bundles them into one file, dist/yaml.cjs, the only copy of yaml in the package: the
 * package itself is 72 modules, and loading them one by one took most of the time of reading a small YAML file.
 */
export {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  stringify,
} from "yaml";
