import { describe, expect, it } from 'vitest';
import {
  describeSqliteLoadError,
  type RuntimeFacts,
} from '../../../src/main/native/load-problem.js';

// The exact text Node 20 prints (captured from a real load in test/integration/bootstrap-abi);
// Electron prints the same words with its own numbers.
const MISMATCH = (built: number, needs: number) =>
  new Error(
    `The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n` +
      `was compiled against a different Node.js version using\nNODE_MODULE_VERSION ${built}. ` +
      `This version of Node.js requires\nNODE_MODULE_VERSION ${needs}. Please try re-compiling ` +
      'or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`).',
  );

const node: RuntimeFacts = { node: '20.20.2', abi: '115', packaged: false };
const electron: RuntimeFacts = { electron: '45.4.1', node: '22.20.0', abi: '150', packaged: false };

describe('describeSqliteLoadError', () => {
  it('says, in Electron, which ABI the module was built for and to start with npm start', () => {
    const line = describeSqliteLoadError(MISMATCH(115, 150), electron)!;
    expect(line).not.toContain('\n');
    expect(line).toContain('built for ABI 115');
    expect(line).toContain('Electron 45.4.1 (ABI 150)');
    expect(line).toContain('`npm start`');
  });

  it('says, in plain Node, to rebuild better-sqlite3 for this Node', () => {
    const line = describeSqliteLoadError(MISMATCH(150, 115), node)!;
    expect(line).not.toContain('\n');
    expect(line).toContain('built for ABI 150, but this is Node 20.20.2 (ABI 115)');
    expect(line).toContain('npm rebuild better-sqlite3');
  });

  it('tells users of an installed app to reinstall, not to run npm', () => {
    const line = describeSqliteLoadError(MISMATCH(115, 150), { ...electron, packaged: true })!;
    expect(line).toContain('reinstall Scrobbletray');
    expect(line).not.toContain('npm');
  });

  it('names a missing build', () => {
    const error = new Error('Could not locate the bindings file. Tried:\n → /x/build/b.node');
    expect(describeSqliteLoadError(error, node)).toMatch(/not built for Node 20\.20\.2/);
  });

  it('leaves other errors alone', () => {
    expect(describeSqliteLoadError(new Error('SQLITE_CANTOPEN'), node)).toBeNull();
    expect(describeSqliteLoadError('boom', electron)).toBeNull();
  });
});
