// What a code cell sees besides the engine (src/notebook/worker.ts binds these at run time), so
// that `npm run check` type-checks the shipped cells as readers will run them. `import … from
// "engine"` resolves to src/engine/index.ts through `paths` in tsconfig.json.
declare function display(...values: unknown[]): void;
declare const Plot: typeof import('@observablehq/plot');
