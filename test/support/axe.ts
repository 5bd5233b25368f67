import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

// An accessibility check of what a page shows right now, with axe-core (installed as a dev
// dependency) evaluated in the real page: the rules run in Chromium against the real DOM,
// styles and focus order. Use it after the view is fully drawn:
//
//   const found = await axeCheck(app.page, { include: '.account-view' });
//   expect(describeViolations(found.serious)).toEqual([]);

const require = createRequire(import.meta.url);
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending elements, with axe's summary of what is wrong. */
  nodes: { target: string; summary: string }[];
}

export interface AxeFindings {
  all: AxeViolation[];
  /** Only the serious and critical ones: what a view must have none of. */
  serious: AxeViolation[];
}

export interface AxeOptions {
  /** A CSS selector to check instead of the whole document. */
  include?: string;
  /** Rule ids to leave out, each with a reason in the caller's comment. */
  disableRules?: string[];
}

/** Run axe-core in the page (injected once per document) and return its violations. */
export async function axeCheck(page: Page, opts: AxeOptions = {}): Promise<AxeFindings> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  // Evaluated through the DevTools protocol rather than added as a <script>: the window's
  // Content-Security-Policy (script-src 'self') refuses inline scripts, as it should.
  axeSource ??= readFileSync(AXE_SCRIPT, 'utf8');
  if (!loaded) await page.evaluate(axeSource);
  const raw = await page.evaluate(
    async ({ include, disableRules }) => {
      type AxeResult = {
        violations: {
          id: string;
          impact: string | null;
          help: string;
          helpUrl: string;
          nodes: { target: unknown[]; failureSummary?: string }[];
        }[];
      };
      const axe = (
        globalThis as unknown as { axe: { run: (...a: unknown[]) => Promise<AxeResult> } }
      ).axe;
      const rules = Object.fromEntries((disableRules ?? []).map((id) => [id, { enabled: false }]));
      const options = { rules, resultTypes: ['violations'] };
      // Without a context axe checks the whole document.
      const result = include
        ? await axe.run({ include: [include] }, options)
        : await axe.run(options);
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map(String).join(' '),
          summary: n.failureSummary ?? '',
        })),
      }));
    },
    { include: opts.include, disableRules: opts.disableRules },
  );
  const all = raw as AxeViolation[];
  return {
    all,
    serious: all.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
  };
}

/** One line per violation and element, for a test failure people can act on. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.impact ?? '?'} ${v.id}: ${v.help} at ${n.target}`),
  );
}
