/**
 * A minimal shell until the real UI lands: it shows that the page reaches the engine (over
 * IPC or the WebSocket), the connection state, and a few counts from the data folder.
 */
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { connectStudio, type ConnectionState } from "./client/index.js";

const client = connectStudio();

interface Overview {
  personas: number;
  designs: number;
  discussions: number;
  models: number;
  dataDirectory: string;
}

async function loadOverview(): Promise<Overview> {
  const [personas, designs, library, models, settings] = await Promise.all([
    client.call("personas.list", {}),
    client.call("designs.list", {}),
    client.call("library.list", {}),
    client.call("models.list", {}),
    client.call("settings.get", {}),
  ]);
  return {
    personas: personas.personas.length,
    designs: designs.designs.length,
    discussions: library.entries.length,
    models: models.models.length,
    dataDirectory: settings.dataDirectory,
  };
}

function App() {
  const [connection, setConnection] = useState<ConnectionState>(client.connection);
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const refresh = () => loadOverview().then(setOverview, (caught: unknown) => setError(String(caught)));
    void refresh();
    const offConnection = client.onConnection((state) => {
      setConnection(state);
      if (state === "open") void refresh();
    });
    const offProgress = client.on("progress", (progress) => {
      if (progress.total !== null && progress.done >= progress.total) void refresh();
    });
    return () => {
      offConnection();
      offProgress();
    };
  }, []);

  return (
    <main>
      <h1>SynDisco Studio</h1>
      <p data-testid="connection">
        {client.transport.kind === "desktop" ? "Desktop" : "Web mode"}: {connection}
      </p>
      {error && <p role="alert">{error}</p>}
      {overview && (
        <dl>
          <dt>Personas</dt>
          <dd data-testid="personas-count">{overview.personas}</dd>
          <dt>Designs</dt>
          <dd>{overview.designs}</dd>
          <dt>Discussions</dt>
          <dd>{overview.discussions}</dd>
          <dt>Models</dt>
          <dd>{overview.models}</dd>
          <dt>Data folder</dt>
          <dd>{overview.dataDirectory}</dd>
        </dl>
      )}
    </main>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
