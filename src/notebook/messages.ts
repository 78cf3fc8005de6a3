// The page ↔ worker protocol. Everything is plain data (structured clone).
import type { OutputItem } from './format';
import type { RunResult } from './evaluate';
import type { CodeSpec, CodeReport } from './grade-code';

export type ToWorker =
  | { type: 'run'; id: number; code: string }
  | { type: 'grade'; id: number; code: string; spec: CodeSpec };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'output'; id: number; item: OutputItem }
  | { type: 'done'; id: number; result: RunResult }
  | { type: 'graded'; id: number; report: CodeReport };
