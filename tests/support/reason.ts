import { declineMessage } from "../../src/format/declines.ts";
import type { Answer } from "../../src/search/index.ts";

/** Why an answer was declined, in the words the bot and the CLI give it (undefined when answered). */
export function reasonText(answer: Answer): string | undefined {
  return answer.reason && declineMessage(answer.reason);
}
