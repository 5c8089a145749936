/**
 * The wire steps the generated spec constants list (`createItemSpec.requestSteps`),
 * from @chime-api/wire: a bundle carries the steps its operations use, and no other.
 * A spec written by hand gets its steps from {@link withWireSteps}.
 */
export {
  encodeHeaders,
  encodeQuery,
  encodeTimestamps,
  fillTokens,
  hostPrefixed,
  prefixHost,
  readHeaders,
  reviveDates,
  reviveEpochs,
  uuid,
  withWireSteps,
} from '@chime-api/wire';
