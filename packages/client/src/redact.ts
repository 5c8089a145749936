export { REDACTED, redact } from '@chime-api/wire';
