/**
 * Tears down a resource that a drill (or a cancelled operation) restored, through its own service.
 * `manual` means no deleter exists for that type: the caller lists it for manual clean-up.
 * Deleting a resource that is already gone is `deleted`.
 */
export interface ResourceDeleterPort {
  deleteResource(region: string, resourceArn: string): Promise<'deleted' | 'manual'>;
}
