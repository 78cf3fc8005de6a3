// What a code cell sees besides the engine (src/notebook/worker.ts binds these at run time), so
// that `npm run check` type-checks the shipped cells as readers will run them. `import … from
// "engine"` resolves to src/engine/index.ts through `paths` in tsconfig.json.
declare function display(...values: unknown[]): void;
declare const Plot: typeof import('@observablehq/plot');
// `import … from "data"`: the course datasets, as src/notebook/data-module.ts provides them.
declare module 'data' {
  type DataModule = import('../../src/notebook/data-module').CellDataModule;
  export const loadMnist: DataModule['loadMnist'];
  export const makeToy2D: DataModule['makeToy2D'];
  export const packPoints: DataModule['packPoints'];
  export const TOY2D_NAMES: DataModule['TOY2D_NAMES'];
  export const TOY2D_LABELS: DataModule['TOY2D_LABELS'];
  export const TOY2D_DOMAIN: DataModule['TOY2D_DOMAIN'];
}
