// Public entry of `protocol`: the wire contract of Switchboard's own API (WebSocket frames and
// commands, REST routes, schemas, errors, OpenAPI). Browser-safe; imports nothing of the workspace.
// See README.md beside src/ for the frame protocol, the catalogues and the decisions.

// Wire shapes
export * from './wire/agent-schemas.ts';
export * from './wire/command-input-schemas.ts';
export * from './wire/contact-event-schemas.ts';
export * from './wire/contact-schemas.ts';
export * from './wire/directory-schemas.ts';
export * from './wire/queue-log-schemas.ts';
export * from './wire/queue-schemas.ts';
export * from './wire/schema-builders.ts';
export * from './wire/stats-schemas.ts';
export * from './wire/wire-error.ts';

// Input parsing
export { type Checker, checker, mismatchError } from './parse/check-value.ts';
export { type DecodeOutcome, decodeJson, utf8Length } from './parse/decode-json.ts';
export { explainMismatch, type Mismatch } from './parse/explain-mismatch.ts';
export { DEFAULT_INPUT_LIMITS, INPUT_PROBLEMS, type InputLimits, type InputProblem } from './parse/limits.ts';

// WebSocket
export * from './ws/client-frames.ts';
export * from './ws/close-codes.ts';
export * from './ws/command-catalogue.ts';
export * from './ws/events.ts';
export * from './ws/frame-results.ts';
export * from './ws/parse-client-frame.ts';
export * from './ws/parse-server-frame.ts';
export * from './ws/resume-plan.ts';
export * from './ws/server-frames.ts';
export * from './ws/topics.ts';

// REST
export { renderApiDocsHtml } from './rest/api-docs-html.ts';
export * from './rest/command-routes.ts';
export * from './rest/http-status.ts';
export * from './rest/openapi.ts';
export { openApiProblems, resolvePointer } from './rest/openapi-checks.ts';
export * from './rest/parse-request.ts';
export * from './rest/route.ts';
export * from './rest/route-catalogue.ts';
