/**
 * /unanswered — organisers (Manage Server): what the bot could not answer in this server over the
 * last 30 days. Declined questions and answers members voted 👎 are grouped by similar wording
 * (their content words, stemmed, overlap by half or more), the most asked first, with counts and
 * what the members said they were looking for. Never a member's name.
 */
import type { APIEmbed } from "discord-api-types/v10";
import { cutText } from "../src/bot/cut.ts";
import { LIMITS } from "../src/bot/limits.ts";
import { cutMarkdown, escapeMarkdown } from "../src/bot/markdown.ts";
import { ORGANISER } from "../src/bot/permissions.ts";
import { defineCommand } from "../src/bot/registry.ts";
import { COLORS, notice, reply } from "../src/bot/replies.ts";
import type { Reply } from "../src/bot/types.ts";
import { contentTerms, fold } from "../src/search/analyze.ts";
import type { UnansweredEntry } from "../src/storage/index.ts";

const NO_GUILD = "The unanswered-questions log belongs to a server: use /unanswered in your study group's server.";
const NO_STORAGE = "This bot runs without a database, so it keeps no log of unanswered questions.";

/** How far back the log looks. */
export const DAYS = 30;
/** Groups shown. */
export const SHOWN = 10;
/** Two wordings are one question when their content words overlap by at least this much (Jaccard). */
export const SIMILAR = 0.5;

/** Similar questions together: the wording most asked (the latest on a tie), how often, and what members were looking for. */
export interface QuestionGroup {
  wording: string;
  /** Times asked and declined, or answered and voted 👎 (each ask once). */
  asked: number;
  declined: number;
  downVotes: number;
  comments: string[];
  latest: string;
}

/** Groups log entries by similar wording, the most asked first (then the most 👎, then the latest). */
export function groupQuestions(entries: readonly UnansweredEntry[]): QuestionGroup[] {
  const groups: { terms: Set<string>; entries: UnansweredEntry[] }[] = [];
  const oldestFirst = [...entries].sort((a, b) => (a.askedAt < b.askedAt ? -1 : a.askedAt > b.askedAt ? 1 : 0));
  for (const entry of oldestFirst) {
    const terms = termsOf(entry.question);
    let best: { group: (typeof groups)[number]; score: number } | null = null;
    for (const group of groups) {
      const score = jaccard(terms, group.terms);
      if (score >= SIMILAR && (!best || score > best.score)) best = { group, score };
    }
    if (best) {
      best.group.entries.push(entry);
      for (const t of terms) best.group.terms.add(t);
    } else groups.push({ terms: new Set(terms), entries: [entry] });
  }
  return groups
    .map(({ entries: list }) => {
      const counts = new Map<string, { text: string; n: number; latest: string }>();
      for (const e of list) {
        const key = fold(e.question)
          .replace(/[^\p{L}\p{N}]+/gu, " ")
          .trim();
        const seen = counts.get(key);
        if (!seen) counts.set(key, { text: e.question.replace(/\s+/g, " ").trim(), n: 1, latest: e.askedAt });
        else {
          seen.n += 1;
          if (e.askedAt >= seen.latest) Object.assign(seen, { text: e.question.replace(/\s+/g, " ").trim(), latest: e.askedAt });
        }
      }
      const wording = [...counts.values()].sort((a, b) => b.n - a.n || (a.latest < b.latest ? 1 : -1))[0]!.text;
      return {
        wording,
        asked: list.length,
        declined: list.filter((e) => e.declined).length,
        downVotes: list.reduce((n, e) => n + e.downVotes, 0),
        comments: [...new Set(list.flatMap((e) => e.comments))],
        latest: list.reduce((m, e) => (e.askedAt > m ? e.askedAt : m), ""),
      };
    })
    .sort((a, b) => b.asked - a.asked || b.downVotes - a.downVotes || (a.latest < b.latest ? 1 : a.latest > b.latest ? -1 : 0));
}

function termsOf(question: string): Set<string> {
  const terms = contentTerms(question);
  return new Set(terms.length > 0 ? terms : [fold(question).trim()]);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** The organisers' view: one line per group, counts, and up to two comments. */
export function unansweredReply(groups: readonly QuestionGroup[], total: number): Reply {
  if (groups.length === 0) {
    return notice(`Nothing unanswered in the last ${DAYS} days: no question was declined and no answer got a 👎.`);
  }
  const lines = groups.slice(0, SHOWN).map((g, i) => {
    const counts = [
      `asked ${g.asked}×`,
      ...(g.declined > 0 ? [`declined ${g.declined}×`] : []),
      ...(g.downVotes > 0 ? [`👎 ${g.downVotes}`] : []),
    ].join(" · ");
    const wanted = g.comments
      .slice(0, 2)
      .map((c) => `\n   looking for: “${escapeMarkdown(cutText(c, 120))}”`)
      .join("");
    return `${i + 1}. “${escapeMarkdown(cutText(g.wording, 200))}” — ${counts}${wanted}`;
  });
  const embed: APIEmbed = {
    title: `Unanswered in the last ${DAYS} days`,
    description: cutMarkdown(lines.join("\n"), LIMITS.embedDescription),
    color: COLORS.related,
    footer: {
      text: `${total} question${total === 1 ? "" : "s"} in ${groups.length} group${groups.length === 1 ? "" : "s"}, grouped by similar wording · members are never named`,
    },
  };
  return reply({ embeds: [embed], ephemeral: true });
}

const command = defineCommand({
  name: "unanswered",
  description: `Organisers: the questions the bot could not answer here in the last ${DAYS} days, most asked first`,
  defaultMemberPermissions: ORGANISER,
  options: {},
  examples: ["/unanswered"],
  async execute(_options, ctx): Promise<Reply> {
    if (ctx.guildId === null) return notice(NO_GUILD);
    if (!ctx.store) return notice(NO_STORAGE);
    const since = new Date(ctx.clock.now() - DAYS * 24 * 60 * 60 * 1000);
    const entries = await ctx.store.unanswered(ctx.guildId, since);
    return unansweredReply(groupQuestions(entries), entries.length);
  },
});
export default command;
