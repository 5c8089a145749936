export { diffSpecs, parseChangeset, type ReleaseEvidence, type SpecChange, uncoveredPackages } from './diff.js';
export { type GenerateOptions, type GenerateResult, generate, outputDirOf, TargetError } from './generate.js';
export { doc, generatedHeader, key, q, REGENERATE_COMMAND } from './kit/emit.js';
export { camel, NameRegistry, pascal } from './kit/naming.js';
export { inlineRefs, resolveRef, resolveRefDeep, schemaNameOf, subschemas } from './kit/schema.js';
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
export { type ConformanceReport, checkConformance, type Drift, formatConformance } from './model/conformance.js';
export { exampleValue } from './model/examples.js';
export { buildDocument, ImportError, runImport } from './model/import.js';
export {
  defaultModelDir,
  type LoadedModel,
  loadModel,
  type ModelMemberRef,
  ModelMissingError,
  type ModelOperation,
  type ModelShape,
  pathKeyOf,
  requestUriOf,
  splitRequestUri,
  timestampFormatOf as modelTimestampFormat,
  wireLocation,
} from './model/model.js';
export {
  buildOperationIndex,
  checkConventions,
  checkIdentifiers,
  collectSensitive,
  type HttpMethod,
  type Operation,
  type OperationIndex,
  type OperationMember,
  type OperationResponse,
} from './operations.js';
export type { GeneratedFiles, Target } from './target.js';
export { targets } from './targets.js';
export type { JsonSchema, OpenApiDocument, OperationObject, ParameterObject, ResponseObject } from './types.js';
