// Types for the tests that import system-packages.mjs.
export declare const DEBIAN_PACKAGES: Record<'start' | 'bench' | 'test', string[]>;
export declare function aptCommands(packages: readonly string[]): string[][];
