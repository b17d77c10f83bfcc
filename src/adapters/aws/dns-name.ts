/**
 * A DNS name as Lifeboat compares and shows it: lower case, no trailing dot, Route 53's octal
 * escapes (`\052` for `*`) decoded.
 */
export function normalizeDnsName(name: string): string {
  const decoded = name.replace(/\\(\d{3})/g, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
  return decoded.replace(/\.$/, '').toLowerCase();
}
