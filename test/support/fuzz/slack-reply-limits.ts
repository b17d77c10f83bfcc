/**
 * What Slack refuses in a message (chat.postEphemeral, a response_url post or an
 * acknowledgement's body): a reply over these limits never reaches the person, so it is no
 * answer. Block Kit: at most 50 blocks, 3,000 characters in a section's text, 150 in a header.
 * (Text over 40,000 characters is not refused: Slack cuts it.)
 */
export function slackReplyProblems(reply: unknown): string[] {
  if (reply === null || typeof reply !== 'object') return [`not a message: ${String(reply)}`];
  const { text, blocks } = reply as { text?: unknown; blocks?: unknown };
  const problems: string[] = [];
  if (typeof text !== 'string' || text.trim() === '') problems.push('no fallback text');
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return [...problems, 'blocks is not a list'];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks`);
  for (const block of blocks as { type?: string; text?: { text?: unknown } }[]) {
    const length = typeof block.text?.text === 'string' ? block.text.text.length : 0;
    if (block.type === 'section' && length > 3_000) problems.push(`a section of ${length}`);
    if (block.type === 'header' && length > 150) problems.push(`a header of ${length}`);
  }
  return problems;
}
