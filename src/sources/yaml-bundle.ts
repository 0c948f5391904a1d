/**
 * The parts of `yaml` that config-yaml.ts and yaml-documents.ts use. The build bundles them into one file, dist/yaml.cjs: the package
 * is 72 modules, and loading them one by one took most of the time of reading a small YAML file.
 */
export { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument } from "yaml";
