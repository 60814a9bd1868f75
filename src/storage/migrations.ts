/**
 * Versioned migrations, applied in order at start by Kysely's Migrator (which takes a lock, so
 * several machines starting at once on one PostgreSQL apply each migration once). Never edit a
 * migration that has shipped: add the next one.
 */
import { sql, type Kysely, type Migration } from "kysely";
import { hasSecret, LEFT_OUT, maskSecrets } from "../text/secrets.ts";

/** Every migration this code knows, by name; names sort in the order they apply. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_study_groups": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("reading_position")
        .addColumn("guild_id", "text", (c) => c.notNull())
        .addColumn("channel_id", "text", (c) => c.notNull())
        .addColumn("up_to", "integer", (c) => c.notNull())
        .addColumn("set_by", "text", (c) => c.notNull())
        .addColumn("set_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("reading_position_pk", ["guild_id", "channel_id"])
        .execute();
      await db.schema
        .createTable("plan_session")
        .addColumn("guild_id", "text", (c) => c.notNull())
        .addColumn("section", "integer", (c) => c.notNull())
        .addColumn("date", "text", (c) => c.notNull())
        .addColumn("set_by", "text", (c) => c.notNull())
        .addColumn("set_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("plan_session_pk", ["guild_id", "section"])
        .execute();
      await db.schema
        .createTable("discussion_thread")
        .addColumn("thread_id", "text", (c) => c.primaryKey())
        .addColumn("guild_id", "text", (c) => c.notNull())
        .addColumn("parent_id", "text", (c) => c.notNull())
        .addColumn("first", "integer", (c) => c.notNull())
        .addColumn("last", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("opened_by", "text", (c) => c.notNull())
        .addColumn("opened_at", "text", (c) => c.notNull())
        .addColumn("prompts_shown", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("discussion_thread_guild").on("discussion_thread").columns(["guild_id", "opened_at"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("discussion_thread").execute();
      await db.schema.dropTable("plan_session").execute();
      await db.schema.dropTable("reading_position").execute();
    },
  },
  "0002_feedback": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("ask_log")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("guild_id", "text", (c) => c.notNull())
        .addColumn("question", "text", (c) => c.notNull())
        .addColumn("paragraphs", "text", (c) => c.notNull())
        .addColumn("answered", "integer", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("asked_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("ask_log_guild").on("ask_log").columns(["guild_id", "asked_at"]).execute();
      await db.schema
        .createTable("answer_vote")
        .addColumn("answer_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("guild_id", "text", (c) => c.notNull())
        .addColumn("vote", "text", (c) => c.notNull())
        .addColumn("comment", "text")
        .addColumn("voted_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("answer_vote_pk", ["answer_id", "user_id"])
        .execute();
      await db.schema.createIndex("answer_vote_guild").on("answer_vote").columns(["guild_id", "voted_at"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("answer_vote").execute();
      await db.schema.dropTable("ask_log").execute();
    },
  },
  "0003_settings": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("guild_settings")
        .addColumn("guild_id", "text", (c) => c.primaryKey())
        .addColumn("public_default", "integer")
        .addColumn("public_channels", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("spoilers", "text", (c) => c.notNull().defaultTo("show-anyway"))
        .addColumn("reminder_channel", "text")
        .addColumn("reminder_time", "text")
        .addColumn("reader_role", "text")
        .addColumn("updated_by", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("guild_settings").execute();
    },
  },
  "0004_reminders": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("reminder")
        .addColumn("guild_id", "text", (c) => c.notNull())
        .addColumn("section", "integer", (c) => c.notNull())
        .addColumn("channel_id", "text", (c) => c.notNull())
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addPrimaryKeyConstraint("reminder_pk", ["guild_id", "section"])
        .execute();
      await db.schema.createIndex("reminder_due").on("reminder").columns(["sent_at", "due_at"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("reminder").execute();
    },
  },
  /**
   * Members' text stored before the dispatcher left secrets out (questions in the ask log, 👎
   * comments): every secret-shaped string in it becomes what the dispatcher now leaves, so
   * /unanswered and "Ask the group" can no longer show one. Nothing to undo: what is gone is gone.
   */
  "0005_secrets_left_out": {
    async up(db: Kysely<unknown>) {
      const asks = await sql<{ id: string; question: string }>`select id, question from ask_log`.execute(db);
      for (const { id, question } of asks.rows) {
        if (hasSecret(question)) await sql`update ask_log set question = ${maskSecrets(question, LEFT_OUT)} where id = ${id}`.execute(db);
      }
      const votes = await sql<{ answer_id: string; user_id: string; comment: string }>`
        select answer_id, user_id, comment from answer_vote where comment is not null`.execute(db);
      for (const { answer_id: answerId, user_id: userId, comment } of votes.rows) {
        if (!hasSecret(comment)) continue;
        await sql`update answer_vote set comment = ${maskSecrets(comment, LEFT_OUT)} where answer_id = ${answerId} and user_id = ${userId}`.execute(
          db,
        );
      }
    },
    async down() {},
  },
};
