// Public entry of `core`: the pure domain. Other parts import only from here.
export * from './agent/index.ts';
export * from './contact/index.ts';
export * from './error.ts';
export * from './ids.ts';
export * from './result.ts';
export * from './routing/index.ts';
export * from './stats/index.ts';
