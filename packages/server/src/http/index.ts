// Public entry of the server's HTTP side: the one request handler for REST API v1, /health,
// /metrics, /openapi.json and /docs (WebSocket upgrades are the ws module's), and the health report
// the composition root feeds it. See ../../README.md, section "REST API".
export { createHttpHandler, type HttpExtras, type HttpHandler } from './http-handler.ts';
export {
  COMPONENT_STATUSES,
  type ComponentHealth,
  type ComponentStatus,
  type HealthReport,
  healthHttpStatus,
} from './health-report.ts';
