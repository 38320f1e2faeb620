import { initials } from "./transcript-comment.js";

/** How one participant is drawn beside their comments. */
export interface AvatarLook {
  label: string;
  colour: string;
}

const palette = [
  "bg-indigo-500",
  "bg-emerald-600",
  "bg-amber-500",
  "bg-rose-500",
  "bg-sky-600",
  "bg-violet-500",
  "bg-teal-600",
  "bg-orange-500",
  "bg-fuchsia-600",
  "bg-lime-600",
  "bg-cyan-700",
  "bg-stone-500",
];

/** Labels to try, shortest first: initials, initials with the name's number, two letters, first and last. */
function candidates(name: string): string[] {
  const base = initials(name);
  const chars = [...name.replace(/[\s_.-]+/gu, "")];
  const digits = /\d+$/u.exec(name)?.[0] ?? "";
  return [base, digits ? `${base[0]}${digits.slice(-2)}` : "", chars.slice(0, 2).join(""), `${chars[0] ?? ""}${chars.at(-1) ?? ""}`, chars.slice(0, 3).join("")]
    .map((label) => label.toUpperCase())
    .filter(Boolean);
}

/**
 * One look per participant of a discussion, no two alike: colours go round in the order people
 * first speak (12 before one repeats), and labels grow until they differ ("P" for one Paula,
 * "P1" and "P2" for two Participants).
 */
export function avatarLooks(names: Iterable<string>): Map<string, AvatarLook> {
  const order = [...new Set(names)];
  const firstChoice = new Map<string, number>();
  for (const name of order) {
    const label = candidates(name)[0]!;
    firstChoice.set(label, (firstChoice.get(label) ?? 0) + 1);
  }
  const used = new Set<string>();
  const looks = new Map<string, AvatarLook>();
  order.forEach((name, index) => {
    const options = candidates(name);
    // A label others would also take first is skipped for all of them, so no one keeps the shared one.
    const label = options.find((option) => !used.has(option) && (firstChoice.get(option) ?? 0) <= (option === options[0] ? 1 : 0)) ?? `${options[0]![0]}${index + 1}`;
    used.add(label);
    looks.set(name, { label, colour: palette[index % palette.length]! });
  });
  return looks;
}
