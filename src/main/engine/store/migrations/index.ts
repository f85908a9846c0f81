// Every schema migration, in order. To add one: create NNN-name.ts exporting a default Migration,
// import it here and append it to the list. 002 is reserved for incidents (alerts/).
import type { Migration } from './migration';
import initial from './001-initial';
import incidents from './002-incidents';
import compactChunks from './003-compact-chunks';

export type { Migration } from './migration';

export const migrations: readonly Migration[] = [
  initial,
  incidents,
  compactChunks,
];
