/**
 * Leave-one-out over the study notes: each note question is asked of an index built without
 * that one question, as a reader who phrased it so would ask it. The notes are written from the
 * paragraphs, never from a test question, so this is a second, larger check of the scope
 * decision beside the tuning sets: the answered questions ("questions") should be answered by
 * their paragraph, and the open ones ("unanswered") declined by the general rules alone.
 *
 *   npm run tune:notes                 # totals
 *   npm run tune:notes -- --list       # and every answered-note question declined, with its reason
 *
 * About a minute: one index build a question.
 */
import { loadCorpus, ReviewSearch } from "../src/search/index.ts";
import type { Answer } from "../src/search/index.ts";
import type { Paragraph, StudyNotes } from "../src/corpus/types.ts";

const list = process.argv.includes("--list");
const corpus = loadCorpus();

interface Outcome {
  field: "questions" | "unanswered";
  paragraph: number;
  question: string;
  answer: Answer;
}

/** The reason code of a decline, with what it found missing, for grouping. */
function reasonOf(answer: Answer): string {
  const reason = answer.reason;
  if (!reason) return "";
  if (reason.code !== "not-covered" || !reason.scope) return reason.code;
  const scope = reason.scope;
  if (scope.code === "near-miss") return `near-miss: ${scope.missing.join(", ")}`;
  if (scope.code === "no-fact") return `no-fact: ${scope.kind}`;
  return scope.code;
}

const outcomes: Outcome[] = [];
for (const [d, document] of corpus.documents.entries()) {
  for (const paragraph of document.paragraphs) {
    const notes = paragraph.notes;
    if (!notes) continue;
    for (const field of ["questions", "unanswered"] as const) {
      notes[field].forEach((question, i) => {
        const without: StudyNotes = { ...notes, [field]: notes[field].filter((_, j) => j !== i) };
        const paragraphs: Paragraph[] = document.paragraphs.map((p) => (p === paragraph ? { ...p, notes: without } : p));
        const documents = corpus.documents.map((doc, k) => (k === d ? { ...doc, paragraphs } : doc));
        const answer = new ReviewSearch({ ...corpus, documents }).ask(question);
        outcomes.push({ field, paragraph: paragraph.number, question, answer });
      });
    }
  }
}

for (const field of ["questions", "unanswered"] as const) {
  const mine = outcomes.filter((o) => o.field === field);
  const declined = mine.filter((o) => !o.answer.answered);
  const rank = (o: Outcome) => (o.answer.answered ? o.answer.results.findIndex((r) => r.paragraph === o.paragraph) + 1 : 0);
  const share = (n: number) => (mine.length === 0 ? "–" : (n / mine.length).toFixed(3));
  console.log(
    `${field.padEnd(10)} ${String(mine.length).padStart(5)}  declined ${share(declined.length)} (${declined.length})  ` +
      `own paragraph first ${share(mine.filter((o) => rank(o) === 1).length)}  in top 3 ${share(mine.filter((o) => rank(o) >= 1 && rank(o) <= 3).length)}`,
  );
  const byReason = new Map<string, number>();
  for (const o of declined) byReason.set(reasonOf(o.answer), (byReason.get(reasonOf(o.answer)) ?? 0) + 1);
  console.log(
    "           declined by: " +
      [...byReason]
        .sort((a, b) => b[1] - a[1])
        .map(([r, n]) => `${r} ${n}`)
        .join(", "),
  );
}
if (list) {
  for (const o of outcomes.filter((o) => o.field === "questions" && !o.answer.answered)) {
    console.log(`¶${o.paragraph}  ${reasonOf(o.answer).padEnd(28)} ${o.question}`);
  }
}
