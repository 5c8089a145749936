/** The exception classes alone, for packages that map responses to them (the SDK, tests). */
export * from './errors.gen.js';
export {
  ChimeClientError,
  ChimeNetworkError,
  ChimeServiceException,
  isNetworkError,
  readBody,
  refuseRedirect,
  type ServiceExceptionOptions,
} from './exceptions.js';
