/** Every string in an activity's Adaptive Card attachments, joined, for content assertions. */
export function cardText(activity: Record<string, unknown>): string {
  const attachments = (activity.attachments as { contentType: string; content: unknown }[]) ?? [];
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  for (const a of attachments) {
    if (a.contentType === 'application/vnd.microsoft.card.adaptive') walk(a.content);
  }
  return out.join('\n');
}

export function hasAdaptiveCard(activity: Record<string, unknown>): boolean {
  const attachments = (activity.attachments as { contentType: string }[]) ?? [];
  return attachments.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
}
