export { connectStudio } from "./connect.js";
export { StudioClient, StudioClientError } from "./studio-client.js";
export { DiscussionWatch, type DiscussionView } from "./discussion-watch.js";
export type { ConnectionState, StudioTransport } from "./transport.js";
export { createBridgeTransport } from "./bridge-transport.js";
export { createSocketTransport, type SocketLike, type SocketTransportOptions } from "./socket-transport.js";
