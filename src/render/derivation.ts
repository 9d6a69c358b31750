/** Renders a derived Charging Statement: revenue, rates per group and region, recovery check. */
import type { DerivedChargingStatement } from '../methodology/derive-statement.js';
import type { DerivationStep } from '../methodology/trace.js';
import { CHARGING_GROUP_SYMBOLS, CHARGING_GROUPS } from '../vocabulary/charging-groups.js';
import { RATE_REGIONS } from '../vocabulary/regions.js';
import type { StatementRateRow } from '../statement/statement-schema.js';
import { renderTextTable } from './text-table.js';
import { decimalPlacesOf, toDecimal } from '../money/plain-decimal.js';
import { formatFixed } from '../money/rounding.js';
import { visibleText } from './visible-text.js';

/** Writes an amount with at least two decimal places, keeping any further ones (no rounding). */
function pounds(text: string): string {
  if (text === '') return text;
  return formatFixed(toDecimal(text), Math.max(2, decimalPlacesOf(text)));
}

const CHARGE_LISTS = [
  { label: 'Fixed', list: 'fixedCharges' },
  { label: 'Fixed CH', list: 'fixedChCharges' },
  { label: 'Fixed Alt HAN', list: 'fixedAltHanCharges' },
] as const;

const BASIS_LABEL: Readonly<Record<string, string>> = { perMeter: 'per-meter', revenueShare: 'revenue-share' };

function stepOf(trace: readonly DerivationStep[], step: DerivationStep['step']): DerivationStep | undefined {
  return trace.find((entry) => entry.step === step);
}

function revenueRows(trace: readonly DerivationStep[]): string[][] {
  const efr = stepOf(trace, 'estimatedFixedRevenue');
  const eecr = stepOf(trace, 'estimatedExplicitChargesRevenue');
  const toRecover = stepOf(trace, 'fixedRevenueToRecover');
  const input = (name: string) => efr?.inputs[name] ?? '';
  return [
    ['Estimated Allowed Revenue (EAR)', input('EAR'), 'K2'],
    ['Estimated Elective Service Revenue (EESR)', input('EESR'), 'K2'],
    ['Estimated Explicit Charges Revenue (EECR)', eecr?.value ?? '', eecr?.clause ?? ''],
    ['Fixed CH revenue', input('FixedCHRevenue'), 'K2'],
    ['Fixed Alt HAN revenue', input('FixedAltHanRevenue'), 'K2'],
    ['Estimated Fixed Revenue (EFR)', efr?.value ?? '', 'K2'],
    ['Fixed revenue already recovered', toRecover?.inputs['alreadyRecovered'] ?? '', toRecover?.clause ?? ''],
    ['Fixed revenue to recover', toRecover?.value ?? '', toRecover?.clause ?? ''],
  ].map(([label, value, clause]) => [label ?? '', pounds(value ?? ''), clause ?? '']);
}

function rateGridRows(label: string, rows: readonly StatementRateRow[]): string[][] {
  return CHARGING_GROUPS.flatMap((group) => {
    const ofGroup = rows.filter((row) => row.chargingGroup === group);
    if (ofGroup.length === 0) return [];
    return [
      [
        label,
        CHARGING_GROUP_SYMBOLS[group],
        ...RATE_REGIONS.map((region) => ofGroup.find((row) => row.region === region)?.ratePerMeterMonth ?? '-'),
      ],
    ];
  });
}

/**
 * The readable table of a derivation: heading, revenue (K2), published rates per Charging Group
 * and region, and the recovery of every pot at the forecast base.
 */
export function renderDerivationTable(derived: DerivedChargingStatement): string {
  const { statement, recovery, trace } = derived;
  const precision = statement.derivedFrom?.ratePrecision;
  const heading = [
    `Charging Statement "${statement.title}" (${statement.id})`,
    `Derived from methodology inputs "${statement.derivedFrom?.inputsId ?? statement.id}": Regulatory Year ${statement.regulatoryYear}, regime ${statement.regime}, months ${statement.effectiveFrom} to ${statement.effectiveTo}, ${BASIS_LABEL[stepOf(trace, 'rate')?.inputs['basis'] ?? ''] ?? 'unknown'} weighting`,
    ...(statement.illustrative ? ['NOTE: these inputs are illustrative; their figures are invented.'] : []),
  ]
    .map(visibleText)
    .join('\n');
  const revenue = renderTextTable(
    [{ header: 'Revenue' }, { header: 'GBP', align: 'right' }, { header: 'Clause' }],
    revenueRows(trace),
  );
  const rates = renderTextTable(
    [
      { header: 'Charge' },
      { header: 'Group' },
      ...RATE_REGIONS.map((region) => ({ header: region, align: 'right' as const })),
    ],
    CHARGE_LISTS.flatMap((entry) => rateGridRows(entry.label, statement[entry.list])),
  );
  const checks = renderTextTable(
    [
      { header: 'Pot' },
      { header: 'Clause' },
      { header: 'Pot GBP', align: 'right' },
      { header: 'Meter-months', align: 'right' },
      { header: 'Recovered GBP', align: 'right' },
      { header: 'Residual', align: 'right' },
      { header: 'Bound', align: 'right' },
    ],
    recovery.map((entry) => [
      entry.pot,
      entry.clause,
      pounds(entry.amount),
      entry.chargeableMeterMonths,
      pounds(entry.recoveredAtPublishedRates),
      pounds(entry.residual),
      pounds(entry.residualBound),
    ]),
  );
  return [
    heading,
    '',
    revenue,
    `Rates per meter per month (GBP), rounded half-up to ${precision ?? '?'} decimal places:`,
    rates,
    'Recovery at the forecast base (residual = recovered at published rates - pot; |residual| <= bound):',
    checks,
  ].join('\n');
}
