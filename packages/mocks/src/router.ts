// The route table lives in @chime-api/wire, shared with the SDK middleware.
export { createRouter, isLoopbackOrIp, type Routable, type Route, type Router } from '@chime-api/wire';
