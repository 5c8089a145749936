/**
 * @chime-api/mocks: MSW handlers generated from the Chime spec that answer
 * like the service. Works with `msw/node` and `msw/browser` alike.
 *
 * @example
 * import { handlers, chimeMocks } from '@chime-api/mocks';
 * const server = setupServer(...handlers);
 * server.use(chimeMocks.updateUser.error('ThrottledClientException', { once: true }));
 */
import { createChimeMocks } from './handlers.gen.js';

export type { SchemaLite } from './data.js';
export { type ChimeMocks, type ChimeStoreSeed, createChimeMocks, definitions } from './handlers.gen.js';
export {
  type ChimeMocksOptions,
  type ErrorOptions,
  InvalidMockRequestError,
  type MockCall,
  MockDefinitionError,
  type MocksBase,
  type OperationDefinition,
  type OperationMock,
  type ReplyContext,
  type Scenario,
  type ScenarioOptions,
} from './runtime.js';
export {
  createStore,
  type PathMembers,
  type Store,
  StoreFullError,
  type StoreOptions,
  type StoreSeedEntry,
} from './store.js';

/** The default mocks: no store, the spec's servers only, invalid requests answered 400. */
export const chimeMocks = /*#__PURE__*/ createChimeMocks();

/** The happy path of every operation. */
export const handlers = chimeMocks.handlers;
