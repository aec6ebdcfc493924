import "./zod-setup.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import "./styles/base.css";

const container = document.getElementById("root");
if (!container) {
  throw new Error("renderer/index.html has no #root element; the Pinch window cannot start without it.");
}
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
