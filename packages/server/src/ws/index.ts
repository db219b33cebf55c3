// Public entry of the WebSocket API v1 (/api/v1/ws). See the WebSocket section of
// packages/server/README.md; the frame protocol itself is packages/protocol/README.md.
export { attachWebSocketApi, type WebSocketApi } from './ws-api.ts';
export { WS_PATH, type WsApiOptions } from './ws-options.ts';
