import { randomUUID } from "node:crypto";
import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

type LibraryHandlers = Pick<Handlers, "library.list" | "library.open" | "library.importFiles" | "library.export" | "library.search" | "library.archive" | "library.restore">;

export function libraryHandlers({ library, hub, startup }: StudioServices): LibraryHandlers {
  return {
    // Start-up problems (a journal that could not be recovered, a file the migration left) belong with the library's.
    "library.list": async () => {
      const { entries, problems } = await library.list();
      return { entries, problems: [...startup.problems, ...problems], interrupted: startup.interrupted };
    },
    "library.open": ({ id }) => library.open(id),
    "library.importFiles": ({ files }) => {
      const operationId = randomUUID();
      const progress = (done: number) =>
        hub.emit({ name: "progress", payload: { operationId, label: "Importing discussions", done, total: files.length } });
      progress(0);
      return library.importFiles(files, progress);
    },
    "library.export": ({ id, format }) => library.export(id, format),
    "library.search": ({ text }) => library.search(text),
    "library.archive": ({ ids }) => library.archive(ids),
    "library.restore": ({ ids }) => library.restore(ids),
  };
}
