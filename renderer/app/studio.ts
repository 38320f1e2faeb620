import { connectStudio } from "../client/index.js";

/** The one client of the page: window.studio in the desktop app, the WebSocket in web mode. */
export const studio = connectStudio();
