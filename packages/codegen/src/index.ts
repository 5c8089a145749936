export { diffSpecs, type SpecChange } from './diff.js';
export {
  defaultRulesetPath,
  defaultSpecPath,
  formatProblem,
  type LoadedSpec,
  loadSpec,
  repoRoot,
  SpecError,
  type SpecProblem,
} from './load.js';
export {
  buildOperationIndex,
  camelCase,
  checkConventions,
  collectSensitive,
  type HttpMethod,
  type Operation,
  type OperationIndex,
  type OperationMember,
  type OperationResponse,
  resolveRef,
  resolveRefDeep,
  schemaNameOf,
} from './operations.js';
export type { JsonSchema, OpenApiDocument, OperationObject, ParameterObject, ResponseObject } from './types.js';
export {
  generatedHeader,
  outputDir,
  REGENERATE_COMMAND,
  replaceDirectoryAtomically,
  runGenerator,
  writeFilesAtomically,
} from './write.js';
