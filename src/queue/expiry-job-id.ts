/** The delayed expiry job of a request: one per operation, so scheduling twice adds nothing. */
export function expiryJobId(operationId: string): string {
  return `expire-${operationId}`;
}
