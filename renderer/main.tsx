import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.js";
import { reportError } from "./app/report-error.js";
import { reportUncaught } from "./app/error-report.js";
import "./styles.css";

reportUncaught(window, reportError);

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
