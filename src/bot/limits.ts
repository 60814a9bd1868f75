/** Discord's limits on what a message, an embed, a button, a choice or a form may hold. */
/** https://discord.com/developers/docs/resources/message — and the embed and component limits. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title + description + field names and values + footer + author name, over all embeds. */
  embedsTotal: 6000,
  embeds: 10,
  fields: 25,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  modalLabel: 45,
  modalPlaceholder: 100,
  textInput: 4000,
} as const;
