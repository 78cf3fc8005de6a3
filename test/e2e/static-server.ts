// A tiny static file server for the built site, on 127.0.0.1 and a free port.
// sirv does the file serving (MIME types, index.html for directories, 404s).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export async function startStaticServer(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const serve = sirv(dir, { dev: false, etag: true, extensions: ['html'] });
  const server = createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    }),
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
