import type { AwsError } from './aws-error';
import type { EmulatorResponse } from './emulator-request';
import { xmlDocument, xmlElement } from './xml';

/** The `<ErrorResponse>` document the XML protocols (RDS query, Route 53 REST-XML) answer with. */
export function xmlErrorResponse(
  namespace: string,
  error: AwsError,
  requestId: string,
): EmulatorResponse {
  const inner = `<Error>${xmlElement('Type', error.fault)}${xmlElement('Code', error.code)}${xmlElement(
    'Message',
    error.message,
  )}</Error>${xmlElement('RequestId', requestId)}`;
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: xmlDocument('ErrorResponse', namespace, inner),
  };
}
