import { useMemo } from "react";
import { usePersonaStore } from "../personas/persona-store.js";
import { buildDesign, type DesignField } from "./design-form.js";
import { useDesignStore } from "./design-store.js";

/** The design the form describes right now, or the problems that stop it from running. */
export function useBuiltDesign() {
  const form = useDesignStore((state) => state.form);
  const pool = usePersonaStore((state) => state.personas);
  return useMemo(() => buildDesign(form, pool), [form, pool]);
}

/** The first problem with one field, to show beside it. */
export function useFieldProblem(field: DesignField): string | undefined {
  const { problems } = useBuiltDesign();
  return problems.find((problem) => problem.field === field)?.message;
}
