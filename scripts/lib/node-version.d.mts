// Types for the tests that import node-version.mjs.
export declare const MIN_NODE: string;
export declare function parseVersion(text: unknown): [number, number, number] | null;
export declare function atLeast(have: string, need: string): boolean;
export declare function lowestNode(range: unknown): string | null;
