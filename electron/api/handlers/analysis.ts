import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

type AnalysisHandlers = Pick<Handlers, Extract<keyof Handlers, `studies.${string}` | `analysis.${string}`>>;

export function analysisHandlers({ analysis }: StudioServices): AnalysisHandlers {
  return {
    "studies.list": () => analysis.list(),
    "studies.open": ({ studyId }) => analysis.open(studyId),
    "studies.spec": ({ studyId }) => analysis.spec(studyId),
    "analysis.measure": ({ studyId }) => analysis.measure(studyId),
    "analysis.summarize": ({ studyId, request }) => analysis.summarize(studyId, request),
    "analysis.export": ({ studyId, file }) => analysis.export(studyId, file),
  };
}
