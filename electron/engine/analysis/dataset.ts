import { PERSONA_FIELDS } from "../../../shared/domain/persona.js";
import { annotationColumn, COMMENT_MEASURES, DISCUSSION_MEASURES } from "./measure-catalog.js";
import type { MeasuredComment, MeasuredDiscussion } from "../../../shared/analysis/measured-discussion.js";
import type { StudyDiscussion, StudyMeasures } from "./study-measures.js";
import { factorColumn, type CellValue, type ColumnType, type Dataset, type DatasetColumn } from "../../../shared/analysis/dataset-table.js";

export { factorColumn, pandasDtype, type CellValue, type ColumnType, type Dataset, type DatasetColumn } from "../../../shared/analysis/dataset-table.js";

/**
 * The study as two tables pandas reads: one row per comment and one per discussion. Columns
 * are built column by column (Parquet is columnar) with a type that fixes their pandas dtype.
 */


type Row<T> = { discussion: StudyDiscussion & { measured: MeasuredDiscussion }; item: T };

class ColumnBuilder<T> {
  readonly columns: DatasetColumn[] = [];
  constructor(private readonly rows: readonly Row<T>[]) {}

  add(name: string, type: ColumnType, description: string, value: (row: Row<T>) => CellValue, nullable?: boolean): void {
    const values = this.rows.map(value);
    // A column is nullable by definition (so its dtype is the same in every study), or because this study has a gap.
    this.columns.push({ name, type, description, values, nullable: nullable === true || values.includes(null) });
  }
}

function studyColumns<T>(builder: ColumnBuilder<T>, study: StudyMeasures): void {
  builder.add("study", "string", "The study's name.", () => study.study.name, false);
  builder.add("discussion_id", "string", "The discussion's id (its file name without .json).", ({ discussion }) => discussion.discussionId, false);
  builder.add("cell", "string", "The grid cell (folder) the discussion belongs to; empty outside a study.", ({ discussion }) => discussion.cell, study.study.kind === "folder");
  builder.add("repetition", "int32", "Repetition of the cell, from 0; empty outside a study.", ({ discussion }) => discussion.repetition, study.study.kind === "folder");
  for (const factor of study.study.factorNames) {
    builder.add(factorColumn(factor), "string", `Grid factor "${factor}": the condition's label.`, ({ discussion }) => discussion.factors[factor] ?? null, false);
  }
  builder.add("status", "string", "completed, recovered, stopped or failed (from the run record), or imported (no run record).", ({ discussion }) => discussion.status, false);
}

/** Only discussions whose file could be measured; they are in the order of the study's plan. */
function measuredDiscussions(study: StudyMeasures): (StudyDiscussion & { measured: MeasuredDiscussion })[] {
  return study.discussions.filter((discussion): discussion is StudyDiscussion & { measured: MeasuredDiscussion } => discussion.measured !== null);
}

/** Persona attributes present anywhere in the study: SynDisco's fields in their order, then extra ones by name. */
function personaFields(discussions: readonly { measured: MeasuredDiscussion }[]): string[] {
  const present = new Set<string>();
  for (const { measured } of discussions) for (const persona of Object.values(measured.personas)) for (const key of Object.keys(persona)) present.add(key);
  const known = PERSONA_FIELDS.filter((field) => field !== "username" && present.has(field));
  const extra = [...present].filter((field) => !(PERSONA_FIELDS as readonly string[]).includes(field)).sort();
  return [...known, ...extra];
}

/** One row per comment, seed comments included. `texts` holds each discussion's comment texts in file order. */
export function commentsDataset(study: StudyMeasures, texts: ReadonlyMap<string, readonly string[]>): Dataset {
  const discussions = measuredDiscussions(study);
  const rows: Row<MeasuredComment>[] = discussions.flatMap((discussion) => discussion.measured.comments.map((item) => ({ discussion, item })));
  const builder = new ColumnBuilder(rows);
  studyColumns(builder, study);
  builder.add("comment_index", "int32", "Position in the discussion file's logs, from 0 (seed comments included).", ({ item }) => item.index, false);
  builder.add("turn", "int32", "Turn from 0; seed comments -1; a moderator's answer has the turn it answers (from the run record when there is one).", ({ item }) => item.turn, false);
  builder.add("author", "string", "The username that wrote the comment.", ({ item }) => item.author, false);
  builder.add("role", "string", "seed, user, moderator or human.", ({ item }) => item.role, false);
  builder.add("is_moderator", "bool", "The moderator wrote it.", ({ item }) => item.role === "moderator", false);
  builder.add("model", "string", "The model name the file logs (\"hardcoded\" for seed comments).", ({ item }) => item.model, false);
  for (const field of personaFields(discussions)) {
    builder.add(`persona_${field}`, "string", `The author's persona field "${field}" (lists joined with "; "); empty when unknown.`, ({ discussion, item }) => discussion.measured.personas[item.author]?.[field] ?? null, true);
  }
  builder.add("text", "string", "The comment as logged.", ({ discussion, item }) => texts.get(discussion.discussionId)?.[item.index] ?? null, false);
  for (const measure of COMMENT_MEASURES) {
    const type: ColumnType = measure.kind === "boolean" ? "bool" : INTEGER_COMMENT_MEASURES.has(measure.column) ? "int32" : "float64";
    builder.add(measure.column, type, measure.description, ({ item }) => {
      const value = measure.value(item);
      return value === null ? null : type === "bool" ? value === 1 : value;
    }, NULLABLE_COMMENT_MEASURES.has(measure.column));
  }
  for (const dimension of study.annotationDimensions) {
    builder.add(annotationColumn(dimension), "float64", `Annotation "${dimension}": the mean over the annotators that scored the comment.`, ({ item }) => item.annotations[dimension] ?? null, true);
  }
  return { name: "comments", rowCount: rows.length, columns: builder.columns };
}

const INTEGER_COMMENT_MEASURES = new Set(["words", "characters", "tokens"]);
const NULLABLE_COMMENT_MEASURES = new Set(["tokens", "intervention", "author_share", "diversity"]);
const INTEGER_DISCUSSION_MEASURES = new Set(["comments", "participant_comments", "moderator_comments", "interventions"]);

/** One row per discussion whose file could be measured. */
export function discussionsDataset(study: StudyMeasures): Dataset {
  const rows: Row<null>[] = measuredDiscussions(study).map((discussion) => ({ discussion, item: null }));
  const builder = new ColumnBuilder(rows);
  studyColumns(builder, study);
  builder.add("timestamp", "string", "SynDisco's timestamp of the file (%y-%m-%d-%H-%M).", ({ discussion }) => discussion.measured.timestamp, false);
  builder.add("users", "string", "The participants in turn order, joined with \"; \".", ({ discussion }) => discussion.measured.users.join("; "), false);
  builder.add("n_users", "int32", "Number of participants.", ({ discussion }) => discussion.measured.users.length, false);
  builder.add("moderator", "string", "The moderator's username; empty without one.", ({ discussion }) => discussion.measured.moderator, true);
  builder.add("models", "string", "Models that wrote comments, joined with \"; \".", ({ discussion }) => discussion.measured.models.join("; "), false);
  for (const measure of DISCUSSION_MEASURES) {
    const integer = INTEGER_DISCUSSION_MEASURES.has(measure.column);
    builder.add(measure.column, integer ? "int32" : "float64", measure.description, ({ discussion }) => measure.value(discussion.measured.measures), !integer);
  }
  for (const dimension of study.annotationDimensions) {
    builder.add(annotationColumn(dimension), "float64", `Annotation "${dimension}": the mean over the discussion's participant comments of their annotator means.`, ({ discussion }) => discussion.measured.measures.annotations[dimension] ?? null, true);
  }
  return { name: "discussions", rowCount: rows.length, columns: builder.columns };
}
