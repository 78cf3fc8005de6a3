// A tiny static file server for the built site, on 127.0.0.1 and a free port.
// sirv does the file serving (MIME types, index.html for directories, 404s).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

/**
 * `port` 0 picks a free one; a given port lets a test restart the server on the same origin.
 * `maxAge` (seconds) sends `Cache-Control: public,max-age=N` on every file, as many static hosts
 * do (GitHub Pages: 600); without it there is no Cache-Control and the browser guesses.
 */
export async function startStaticServer(
  dir: string,
  port = 0,
  maxAge?: number,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const serve = sirv(dir, { dev: false, etag: true, extensions: ['html'], ...(maxAge === undefined ? {} : { maxAge }) });
  const server = createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    }),
  );
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
