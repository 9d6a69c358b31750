/** `dcc-charges demo`: the shipped example, charged for one month. */
import { fixturePath } from '../package-root.js';
import type { CliContext } from '../context.js';
import { chargesFromFiles } from './charges.js';
import { renderMonthlyChargesTable } from '../../render/monthly-charges.js';

/** The month the demo charges. */
export const DEMO_MONTH = '2025-06';

/** Runs `demo`. */
export function runDemo(context: CliContext): void {
  const statement = [fixturePath('statements', 'illustrative-2025-26.json')];
  const examples = [
    { title: 'Example 1: a dual-fuel supplier', folder: 'dual-fuel-supplier', usage: true, elective: true },
    {
      title: 'Example 2: an electricity distributor and gas transporter',
      folder: 'network-operator',
      usage: true,
      elective: false,
    },
  ];
  for (const example of examples) {
    const charges = chargesFromFiles({
      statement,
      month: DEMO_MONTH,
      meters: fixturePath('examples', example.folder, 'meters.json'),
      usage: example.usage ? fixturePath('examples', example.folder, 'usage.json') : undefined,
      elective: example.elective ? fixturePath('examples', example.folder, 'elective.json') : undefined,
    });
    context.io.stdout(`== ${example.title} ==\n${renderMonthlyChargesTable(charges)}\n`);
  }
}
