import type { ContextBlock, DividerBlock, HeaderBlock, SectionBlock } from './block-types';
import { parseResourceArn } from '../../config/resource-arn';

/**
 * Slack's three control characters, escaped, for Lifeboat's own text with values in it (AWS
 * messages, step details). User mentions (`<@U0ALICE>`) that Lifeboat itself wrote stay
 * mentions. Text a person typed goes through `userText` instead.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .split(/(<@[UW][A-Z0-9]+>)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    )
    .join('');
}

/**
 * Slack has no escape for its formatting characters, so these stand in for them: they look the
 * same and never open bold, italics, strikethrough or code.
 */
const LOOKALIKES: Readonly<Record<string, string>> = Object.freeze({
  '*': '\u2217', // ∗ asterisk operator
  _: '\u02cd', // ˍ modifier letter low macron
  '~': '\u223c', // ∼ tilde operator
  '`': '\u02cb', // ˋ modifier letter grave accent
});

/**
 * Text a person typed (a reason), as they typed it and nothing more: `&`, `<` and `>` escaped,
 * so `<@U…>`, `<!channel>`, `<#C…>` and `<!subteam^…>` show as text and ping nobody; `*`, `_`,
 * `~` and backticks replaced by look-alikes, so nothing is formatted; `@here`, `@channel` and
 * `@everyone` broken by a zero-width space; every run of blank space, newlines included, one
 * space, so it stays on one line; direction overrides dropped, so it reads in the order typed.
 * What was typed is kept as typed in the audit log.
 */
export function userText(text: string): string {
  return text
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (ch) => LOOKALIKES[ch] ?? ch)
    .replace(/@(here|channel|everyone)\b/gi, '@\u200b$1');
}

/** A time each reader sees in their own time zone; the ISO text where clients cannot. */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${iso}>`;
}

/** `RDS shop`, `DynamoDB orders`. */
export function resourceLabel(arn: string): string {
  const parsed = parseResourceArn(arn);
  return parsed ? `${parsed.resourceType} ${parsed.name}` : arn;
}

/** A user id as a mention; Lifeboat's own acts as its name. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : userId;
}

/** Section text is limited to 3,000 characters. */
export function clip(text: string, max = 3000): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text) } };
}

export function context(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text) }] };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } };
}

export const divider: DividerBlock = { type: 'divider' };
