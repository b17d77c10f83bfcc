/** The region and service a SigV4 `Authorization` header is scoped to (the signature is not checked). */
export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

export function credentialScope(authorization: string | undefined): CredentialScope | undefined {
  if (!authorization) return undefined;
  const match = CREDENTIAL.exec(authorization);
  if (!match) return undefined;
  const [, accessKeyId = '', , region = '', service = ''] = match;
  return { accessKeyId, region, service };
}
