import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../../../src/http/read-body';

export interface ResponseSink {
  /** The base URL; give each request `${url}/KEY` as its response_url. */
  url: string;
  /** What was posted to `${url}/KEY`, by KEY. */
  posts(key: string): unknown[];
  close(): Promise<void>;
}

/** A response_url per request: Slack's way back to one command or click, recorded by key. */
export async function startResponseSink(): Promise<ResponseSink> {
  const posts = new Map<string, unknown[]>();
  const server = createServer((req, res) => {
    void readBody(req, 10_000_000).then(
      (raw) => {
        const key = (req.url ?? '/').slice(1);
        let body: unknown = raw;
        try {
          body = JSON.parse(raw);
        } catch {
          // Kept as text: a post that is not JSON is itself worth seeing.
        }
        posts.set(key, [...(posts.get(key) ?? []), body]);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      },
      () => {
        res.writeHead(413);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts: (key) => posts.get(key) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
