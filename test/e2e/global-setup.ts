// Serves the built site (dist/, or $E2E_DIST) on 127.0.0.1 for the browser tests.
// `npm run test:e2e` builds first; a missing build fails here with a message saying so.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from './static-server';

export default async function setup(project: TestProject) {
  const dist = resolve(process.env.E2E_DIST ?? 'dist');
  if (!existsSync(resolve(dist, 'index.html'))) {
    throw new Error(`No built site at ${dist}. Run \`npm run build\` first (npm run test:e2e does it for you).`);
  }
  const server = await startStaticServer(dist);
  project.provide('baseUrl', server.url);
  return async () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
