import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Sends one file of `root` by its plain name (no directories, no dot-files), or 404. */
export async function serveStatic(root: string, name: string, res: ServerResponse): Promise<void> {
  const type = TYPES[extname(name)];
  if (!/^[a-z0-9][a-z0-9.-]*$/i.test(name) || !type) {
    res.writeHead(404).end('not found');
    return;
  }
  try {
    const body = await readFile(join(root, name));
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
    });
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}
