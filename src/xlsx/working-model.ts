/**
 * The working model (`dcc-charges model`): a workbook that a finance user opens and edits, whose
 * live formulas give exactly the charges the library computes (decisions 0054 to 0056).
 *
 * - `Charges`: one row per rate and explicit price of the statements in force, and per elective
 *   line; for each month a quantity (the chargeable meters, by SUMIFS over the Inputs under the
 *   statement's chargeable-meter rule, or the usage of the code), a unit price (a reference to
 *   the Rates sheet) and an amount rounded to pence as the library rounds it, through the exact
 *   whole-number arithmetic of the Rounding sheet; totals by kind, net, VAT on the net, gross;
 *   with a Regulatory Year, one block of columns per month and the annual total.
 * - `Inputs`: the VAT rate, the meter counts of every Charging Group, Region, premises type and
 *   enrolment state, the usage of every explicit code and the elective amounts, one column per
 *   month, pre-filled from the files given; the cells to edit are shaded.
 * - `Rates`: every rate and explicit price of each statement, with the months it is in force,
 *   its clause and source, and each statement's chargeable-meter rules.
 * - `Rounding`: the helper cells of the exact rounding; `Notes`: what the workbook is, the
 *   figures dcc-charges computed, and every cell that is a value where a formula could not be exact.
 *
 * Pure: it takes validated inputs and returns sheets; reading files and writing the workbook
 * are the command's.
 */
import {
  calculateValidatedMonthlyCharges,
  selectMeterCountsForMonth,
  type InputLabels,
} from '../charges/calculate-monthly-charges.js';
import type { ChargeKey, ChargeKind, MonthlyCharges } from '../charges/charge-line.js';
import { sumUsageByCode } from '../charges/explicit-lines.js';
import { collectInputIssues, InputError, type InputIssue } from '../errors/input-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import type { ElectiveRow } from '../inputs/elective.js';
import type { MeterCountRow } from '../inputs/meter-counts.js';
import type { UsageRow } from '../inputs/usage.js';
import { formatPlain, type RoundingMode } from '../money/rounding.js';
import {
  clauseOfChargeType,
  PER_METER_CHARGE_TYPES,
  resolveChargeableMeters,
  type PerMeterChargeType,
} from '../statement/chargeable-meters.js';
import { selectStatementInForce } from '../statement/select-statement.js';
import { provenanceNote, provenanceStatus, type ChargingStatement } from '../statement/statement-schema.js';
import {
  CHARGING_GROUP_NAMES,
  CHARGING_GROUP_SYMBOLS,
  CHARGING_GROUPS,
  type ChargingGroup,
} from '../vocabulary/charging-groups.js';
import type { Month } from '../vocabulary/months.js';
import { PREMISES_TYPES, type PremisesType } from '../vocabulary/premises.js';
import { RATE_REGIONS, REGIONS, type RateRegion } from '../vocabulary/regions.js';
import { cellRef, columnLetters } from './cell-refs.js';
import { notesSheet } from './charges-workbook.js';
import { FlaggedCells, fitsNumberCell } from './decimal-cells.js';
import {
  EXACT_FORMULA_BOUNDS,
  exactPence,
  penceText,
  QUANTITY_SCALE,
  RATE_SCALE,
  roundingCells,
  scaledFormula,
  scaledInteger,
  signedFormula,
  type HelperCell,
} from './exact-rounding.js';
import { sheetRef, type Cell, type SheetSpec } from './write-workbook.js';

/** What {@link workingModelSheets} needs: inputs already validated. */
export interface WorkingModelInput {
  /** Every statement given; each month uses the one in force. */
  readonly statements: readonly ChargingStatement[];
  /** The months modelled: one month, or the twelve of a Regulatory Year. */
  readonly months: readonly Month[];
  /** The Regulatory Year, when the model covers one (it names the annual column). */
  readonly year?: string;
  readonly meters: readonly MeterCountRow[];
  readonly usage: readonly UsageRow[];
  readonly elective: readonly ElectiveRow[];
  readonly vatRate: string;
  readonly rounding: RoundingMode;
  /** Names of the inputs (file names) for messages. */
  readonly labels?: InputLabels;
}

/** The totals rows of the Charges sheet, in order. */
export const MODEL_TOTALS = ['fixed', 'fixedCh', 'fixedAltHan', 'explicit', 'elective', 'net', 'vat', 'gross'] as const;

/** A totals row of the Charges sheet. */
export type ModelTotal = (typeof MODEL_TOTALS)[number];

/** Where the figures of the model are: so that tests and readers find a line's or a total's cell. */
export interface WorkingModelLayout {
  /** The Charges row of each line key (see {@link lineKey}). */
  readonly lineRows: ReadonlyMap<string, number>;
  /** The Charges row of each total. */
  readonly totalRows: Readonly<Record<ModelTotal, number>>;
  /** The Charges row of the check of meters in unpriced Charging Groups (its quantity columns should be 0). */
  readonly checkRow: number;
  /** The Charges columns (letters) of each month's quantity, unit price and amount. */
  readonly monthColumns: readonly {
    readonly month: Month;
    readonly quantity: string;
    readonly unitPrice: string;
    readonly amount: string;
  }[];
  /** The Charges column of the annual amounts, with a Regulatory Year. */
  readonly annualColumn?: string;
  /** The Inputs cell of the VAT rate. */
  readonly vatRateCell: string;
  /** The Inputs row of each meter-count key `group|region|premises|enrolled`; the count of month i is in column `meterCountColumns[i]`. */
  readonly meterRows: ReadonlyMap<string, number>;
  readonly meterCountColumns: readonly string[];
  /** The Inputs row of each explicit code's usage; month i in `usageColumns[i]`. */
  readonly usageRows: ReadonlyMap<string, number>;
  readonly usageColumns: readonly string[];
}

/** The working model: its sheets, the library's charges for each month, and where the figures are. */
export interface WorkingModel {
  readonly sheets: SheetSpec[];
  readonly charges: readonly MonthlyCharges[];
  readonly layout: WorkingModelLayout;
}

/** The key of a charge line: what identifies its row in the model. */
export function lineKey(line: ChargeKey): string {
  switch (line.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan':
      return `${line.kind}|${line.chargingGroup}|${line.region}`;
    case 'explicit':
    case 'elective':
      return `${line.kind}|${line.code}`;
  }
}

/** The key of a meter-count row of the Inputs sheet. */
export function meterKey(group: ChargingGroup, region: string, premises: PremisesType, enrolled: boolean): string {
  return `${group}|${region}|${premises}|${enrolled ? 'yes' : 'no'}`;
}

const LIST_OF: Record<PerMeterChargeType, 'fixedCharges' | 'fixedChCharges' | 'fixedAltHanCharges'> = {
  fixed: 'fixedCharges',
  fixedCh: 'fixedChCharges',
  fixedAltHan: 'fixedAltHanCharges',
};

const LABEL_OF: Record<PerMeterChargeType, string> = {
  fixed: 'Fixed Charge',
  fixedCh: 'Fixed CH Charge',
  fixedAltHan: 'Fixed Alt HAN Charge',
};

const TOTAL_LABELS: Record<ModelTotal, string> = {
  fixed: 'Fixed Charges',
  fixedCh: 'Fixed CH Charges',
  fixedAltHan: 'Fixed Alt HAN Charges',
  explicit: 'Explicit Charges',
  elective: 'Elective Charges',
  net: 'Net (sum of the line amounts)',
  vat: 'VAT on the net',
  gross: 'Gross (net + VAT)',
};

const header = (value: string): Cell => ({ value, style: 'header' });

function inForce(statement: ChargingStatement): string {
  return `${statement.effectiveFrom} to ${statement.effectiveTo}`;
}

// ---------------------------------------------------------------------------------------------
// Rates

/** Columns of the Rates sheet's rate table. */
const RATES_COLUMNS = [
  'statement',
  'in force',
  'kind',
  'chargingGroup',
  'region',
  'code',
  'description',
  'unit',
  'rate or unit price',
  'clause',
  'table',
  'publisher',
  'document',
  'issue',
  'date',
  'provenance',
] as const;
const RATE_VALUE = 8; // column I

interface RatesSheet {
  readonly sheet: SheetSpec;
  /** The Rates cell (absolute, with the sheet) of a line key under a statement. */
  readonly priceCell: (statement: ChargingStatement, key: string) => string | undefined;
  /** The Rates cells (with the sheet) of a statement's rule for a charge type: domestic, nonDomestic. */
  readonly ruleCells: (
    statement: ChargingStatement,
    type: PerMeterChargeType,
  ) => Readonly<Record<PremisesType, string>>;
}

function sortedRateRows<T extends { chargingGroup: ChargingGroup; region: RateRegion }>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      CHARGING_GROUPS.indexOf(a.chargingGroup) - CHARGING_GROUPS.indexOf(b.chargingGroup) ||
      RATE_REGIONS.indexOf(a.region) - RATE_REGIONS.indexOf(b.region),
  );
}

function ratesSheet(statements: readonly ChargingStatement[], flags: FlaggedCells): RatesSheet {
  const name = 'Rates';
  const rows: (Cell | undefined)[][] = [RATES_COLUMNS.map(header)];
  const prices = new Map<string, string>();
  const absolute = (column: number, row: number) => sheetRef(name, `$${columnLetters(column)}$${row}`);
  statements.forEach((statement) => {
    const source = [
      { value: statement.source.publisher },
      { value: statement.source.document },
      statement.source.issue === undefined ? undefined : { value: statement.source.issue },
      statement.source.date === undefined ? undefined : { value: statement.source.date },
      { value: provenanceStatus(statement) },
    ];
    const push = (
      key: string,
      kind: string,
      group: string | undefined,
      region: string | undefined,
      code: string | undefined,
      description: string,
      unit: string,
      price: string,
      clause: string,
      table: string | undefined,
    ) => {
      const row = rows.length + 1;
      rows.push([
        { value: statement.id },
        { value: inForce(statement) },
        { value: kind },
        group === undefined ? undefined : { value: group },
        region === undefined ? undefined : { value: region },
        code === undefined ? undefined : { value: code },
        { value: description },
        { value: unit },
        flags.decimal(price, 'rate', name, cellRef(RATE_VALUE, row), `${kind} rate of ${statement.id}`),
        { value: clause },
        table === undefined ? undefined : { value: table },
        ...source,
      ]);
      prices.set(`${statement.id}#${key}`, absolute(RATE_VALUE, row));
    };
    for (const type of PER_METER_CHARGE_TYPES) {
      for (const rate of sortedRateRows(statement[LIST_OF[type]])) {
        const key = lineKey({ kind: type, chargingGroup: rate.chargingGroup, region: rate.region });
        push(
          key,
          type,
          rate.chargingGroup,
          rate.region,
          undefined,
          perMeterDescription(type, rate.chargingGroup, rate.region),
          'per meter per month',
          rate.ratePerMeterMonth,
          clauseOfChargeType(type, statement.regime),
          rate.table,
        );
      }
    }
    for (const charge of statement.explicitCharges) {
      push(
        lineKey({ kind: 'explicit', code: charge.code }),
        'explicit',
        undefined,
        undefined,
        charge.code,
        charge.description,
        charge.unit,
        charge.unitPrice,
        'K7',
        charge.source,
      );
    }
  });
  rows.push([]);
  rows.push([
    {
      value:
        "Chargeable meters: which meters each statement's per-meter rates apply to (all registered, enrolled only, or none), by premises type",
      style: 'totalText',
    },
  ]);
  rows.push(['statement', 'in force', 'charge type', 'domestic', 'nonDomestic', 'clause', 'regime'].map(header));
  const rules = new Map<string, Record<PremisesType, string>>();
  statements.forEach((statement) => {
    const resolved = resolveChargeableMeters(statement.regime, statement.chargeableMeters);
    for (const type of PER_METER_CHARGE_TYPES) {
      const row = rows.length + 1;
      rows.push([
        { value: statement.id },
        { value: inForce(statement) },
        { value: type },
        { value: resolved[type].domestic },
        { value: resolved[type].nonDomestic },
        { value: clauseOfChargeType(type, statement.regime) },
        { value: statement.regime },
      ]);
      rules.set(`${statement.id}#${type}`, { domestic: absolute(3, row), nonDomestic: absolute(4, row) });
    }
  });
  return {
    sheet: { name, rows, widths: [22, 18, 12, 22, 10, 24, 52, 20, 16, 12, 10, 22, 40, 8, 12, 12], freezeRows: 1 },
    priceCell: (statement, key) => prices.get(`${statement.id}#${key}`),
    ruleCells: (statement, type) => {
      const cells = rules.get(`${statement.id}#${type}`);
      if (cells === undefined) throw new InvariantError('unreachable', `no rule row for ${statement.id} ${type}`);
      return cells;
    },
  };
}

function perMeterDescription(type: PerMeterChargeType, group: ChargingGroup, region: RateRegion): string {
  return `${LABEL_OF[type]}, ${CHARGING_GROUP_NAMES[group]} (${CHARGING_GROUP_SYMBOLS[group]}), ${region}`;
}

// ---------------------------------------------------------------------------------------------
// Inputs

interface InputsSheet {
  readonly sheet: SheetSpec;
  readonly vatRateCell: string;
  /** The VAT rate cell, absolute, with the sheet. */
  readonly vatRateRef: string;
  readonly meterRows: Map<string, number>;
  readonly meterCountColumns: string[];
  readonly usageRows: Map<string, number>;
  readonly usageColumns: string[];
  /** Ranges (absolute, with the sheet) of the meter table's columns: group, region, premises, enrolled, and month i's counts. */
  readonly meterRange: {
    group: string;
    region: string;
    premises: string;
    enrolled: string;
    count: (month: number) => string;
  };
  readonly usageRange: { code: string; quantity: (month: number) => string };
  /** The Inputs cell (with the sheet) of elective line i's amount in month m. */
  readonly electiveCell: (line: number, month: number) => string;
}

const ENROLLED = [true, false] as const;

function inputsSheet(
  input: WorkingModelInput,
  codes: readonly { code: string; description: string; unit: string }[],
  flags: FlaggedCells,
): InputsSheet {
  const name = 'Inputs';
  const months = input.months;
  const rows: (Cell | undefined)[][] = [];
  const absolute = (column: number, row: number) => `$${columnLetters(column)}$${row}`;
  rows.push([
    {
      value:
        'Inputs of the working model. Shaded cells are the ones to edit: meter counts, usage quantities, elective amounts and the VAT rate; every other cell of the workbook is computed from them.',
      style: 'totalText',
    },
  ]);
  rows.push([
    { value: 'input cell', style: 'inputText' },
    {
      value:
        'An empty count or quantity counts as 0. Charging Group, Region, premises and enrolled (yes/no) name each row; the chargeable meters are summed from these rows under the rules on the Rates sheet.',
    },
  ]);
  const vatRow = rows.length + 1;
  rows.push([{ value: 'VAT rate' }, flags.decimal(input.vatRate, 'inputRate', name, cellRef(1, vatRow), 'VAT rate')]);
  rows.push([]);

  // Meter counts: every Charging Group, Region, premises type and enrolment state.
  rows.push([{ value: "Meter counts (meters registered at the month's snapshot)", style: 'totalText' }]);
  rows.push(
    ['Charging Group', 'Region', 'premises', 'enrolled', ...months.map((month) => `count ${month}`)].map(header),
  );
  const counts = months.map((month) => {
    const selected = selectMeterCountsForMonth(input.meters, month, input.labels?.meters);
    return new Map(
      selected.map((row) => [meterKey(row.chargingGroup, row.region, row.premises, row.enrolled), row.count]),
    );
  });
  const meterRows = new Map<string, number>();
  const firstMeterRow = rows.length + 1;
  for (const group of CHARGING_GROUPS) {
    for (const region of REGIONS) {
      for (const premises of PREMISES_TYPES) {
        for (const enrolled of ENROLLED) {
          const key = meterKey(group, region, premises, enrolled);
          meterRows.set(key, rows.length + 1);
          rows.push([
            { value: group },
            { value: region },
            { value: premises },
            { value: enrolled ? 'yes' : 'no' },
            ...counts.map((byKey) => {
              const count = byKey.get(key);
              return count === undefined
                ? { style: 'inputInteger' as const }
                : { value: count, style: 'inputInteger' as const };
            }),
          ]);
        }
      }
    }
  }
  const lastMeterRow = rows.length;
  rows.push([]);

  // Usage: every explicit code the statements price.
  rows.push([
    { value: 'Explicit usage (quantity of each Explicit Charging Metric used in the month)', style: 'totalText' },
  ]);
  rows.push(['code', 'description', 'unit', ...months.map((month) => `quantity ${month}`)].map(header));
  const used = sumUsageByCode(input.usage);
  const usageRows = new Map<string, number>();
  const firstUsageRow = rows.length + 1;
  for (const code of codes) {
    const row = rows.length + 1;
    usageRows.set(code.code, row);
    const quantity = used.get(code.code);
    rows.push([
      { value: code.code },
      { value: code.description },
      { value: code.unit },
      ...months.map((_, index) =>
        quantity === undefined
          ? { style: 'inputQuantity' as const }
          : flags.decimal(
              formatPlain(quantity.quantity),
              'inputQuantity',
              name,
              cellRef(3 + index, row),
              `usage of ${code.code}`,
            ),
      ),
    ]);
  }
  const lastUsageRow = Math.max(rows.length, firstUsageRow);
  rows.push([]);

  // Elective lines, as agreed.
  rows.push([{ value: 'Elective Charges (as agreed bilaterally; the amount charged each month)', style: 'totalText' }]);
  rows.push(['reference', 'description', ...months.map((month) => `amount ${month}`)].map(header));
  const firstElectiveRow = rows.length + 1;
  for (const line of input.elective) {
    rows.push([
      { value: line.reference },
      { value: line.description },
      ...months.map(() => ({ value: Number(line.amount), style: 'inputPence' as const })),
    ]);
  }

  const meterColumn = (column: number) =>
    sheetRef(name, `${absolute(column, firstMeterRow)}:${absolute(column, lastMeterRow)}`);
  const usageColumn = (column: number) =>
    sheetRef(name, `${absolute(column, firstUsageRow)}:${absolute(column, lastUsageRow)}`);
  return {
    sheet: { name, rows, widths: [24, 40, 14, 10, ...months.map(() => 16)], freezeColumns: 4 },
    vatRateCell: cellRef(1, vatRow),
    vatRateRef: sheetRef(name, absolute(1, vatRow)),
    meterRows,
    meterCountColumns: months.map((_, index) => columnLetters(4 + index)),
    usageRows,
    usageColumns: months.map((_, index) => columnLetters(3 + index)),
    meterRange: {
      group: meterColumn(0),
      region: meterColumn(1),
      premises: meterColumn(2),
      enrolled: meterColumn(3),
      count: (month) => meterColumn(4 + month),
    },
    usageRange: { code: usageColumn(0), quantity: (month) => usageColumn(3 + month) },
    electiveCell: (line, month) => sheetRef(name, absolute(2 + month, firstElectiveRow + line)),
  };
}

// ---------------------------------------------------------------------------------------------
// Charges and Rounding

/** One row of the Charges sheet: a line that some month may charge. */
interface ModelRow {
  readonly key: string;
  readonly kind: ChargeKind;
  readonly chargingGroup?: ChargingGroup;
  readonly region?: RateRegion;
  readonly code?: string;
  readonly description: string;
  /** The elective line's index in the input. */
  readonly elective?: number;
}

/** Every row the months may charge: the rates and prices of the statements in force, and the elective lines. */
function modelRows(inForce: readonly ChargingStatement[], elective: readonly ElectiveRow[]): ModelRow[] {
  const rows = new Map<string, ModelRow>();
  for (const type of PER_METER_CHARGE_TYPES) {
    const byKey = new Map<string, ModelRow>();
    for (const statement of inForce) {
      for (const rate of statement[LIST_OF[type]]) {
        const key = lineKey({ kind: type, chargingGroup: rate.chargingGroup, region: rate.region });
        if (!byKey.has(key)) {
          byKey.set(key, {
            key,
            kind: type,
            chargingGroup: rate.chargingGroup,
            region: rate.region,
            description: perMeterDescription(type, rate.chargingGroup, rate.region),
          });
        }
      }
    }
    for (const row of sortedRateRows([...byKey.values()] as (ModelRow & {
      chargingGroup: ChargingGroup;
      region: RateRegion;
    })[]))
      rows.set(row.key, row);
  }
  for (const statement of inForce) {
    for (const charge of statement.explicitCharges) {
      const key = lineKey({ kind: 'explicit', code: charge.code });
      if (!rows.has(key))
        rows.set(key, {
          key,
          kind: 'explicit',
          code: charge.code,
          description: `${charge.description} (${charge.unit})`,
        });
    }
  }
  elective.forEach((line, index) => {
    const key = lineKey({ kind: 'elective', code: line.reference });
    rows.set(key, { key, kind: 'elective', code: line.reference, description: line.description, elective: index });
  });
  return [...rows.values()];
}

/** Columns of the Charges sheet before the month blocks. */
const LEAD_COLUMNS = ['kind', 'chargingGroup', 'region', 'code', 'description', 'clause'] as const;
const LEAD = LEAD_COLUMNS.length;

/** Columns of one month's block on the Rounding sheet: the helpers of {@link roundingCells} and the amount as shown. */
const BLOCK = 12;
const PENCE = 10; // offset of the pence within a block
const SHOWN = 11; // offset of the amount as shown, in pence

/** The chargeable-meters formula of a per-meter row in one month (decision 0055). */
function chargeableFormula(
  row: ModelRow,
  rule: Readonly<Record<PremisesType, string>>,
  inputs: InputsSheet,
  month: number,
): string {
  const range = inputs.meterRange;
  const base = [range.count(month), range.group, `"${row.chargingGroup ?? ''}"`];
  if (row.region !== 'national') base.push(range.region, `"${row.region ?? ''}"`);
  const sum = (premises: PremisesType, enrolledOnly: boolean) =>
    `SUMIFS(${[...base, range.premises, `"${premises}"`, ...(enrolledOnly ? [range.enrolled, '"yes"'] : [])].join(',')})`;
  return PREMISES_TYPES.map(
    (premises) =>
      `IF(${rule[premises]}="all",${sum(premises, false)},IF(${rule[premises]}="enrolled",${sum(premises, true)},0))`,
  ).join('+');
}

/** The number a quantity or price formula computes, as saved with it. */
function savedNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/**
 * The working model's sheets for the months given, with the library's charges for each month.
 * @throws InputError, listing the problems of every month together, when the library refuses
 * a month (no statement in force, no counts for the month, an unpriced group or code).
 */
export function workingModelSheets(input: WorkingModelInput): WorkingModel {
  const { months, rounding } = input;
  if (months.length === 0) throw new InvariantError('unreachable', 'a working model of no month');
  const labels = input.labels ?? {};
  const issues: InputIssue[] = [];
  const charges: MonthlyCharges[] = [];
  const statementOf: ChargingStatement[] = [];
  for (const month of months) {
    const computed = collectInputIssues(issues, () => {
      const statement = selectStatementInForce(input.statements, month, labels.statements);
      const result = calculateValidatedMonthlyCharges(
        input.statements,
        month,
        input.meters,
        input.usage,
        input.elective,
        input.vatRate,
        rounding,
        labels,
      );
      return { statement, result };
    });
    if (computed !== undefined) {
      statementOf.push(computed.statement);
      charges.push(computed.result);
    }
  }
  if (issues.length > 0) throw new InputError(dedupe(issues));

  const flags = new FlaggedCells();
  const inForce = [...new Set(statementOf)];
  const rows = modelRows(inForce, input.elective);
  const codes = new Map<string, { code: string; description: string; unit: string }>();
  for (const statement of inForce)
    for (const charge of statement.explicitCharges) if (!codes.has(charge.code)) codes.set(charge.code, charge);
  const rates = ratesSheet(input.statements, flags);
  const inputs = inputsSheet(input, [...codes.values()], flags);

  const sheet = 'Charges';
  const helperSheet = 'Rounding';
  const year = months.length > 1;
  const monthLabel = (index: number) => (year ? ` ${months[index]}` : '');
  const quantityColumn = (index: number) => LEAD + index;
  const priceColumn = (index: number) => LEAD + months.length + index;
  const amountColumn = (index: number) => LEAD + 2 * months.length + index;
  const annualColumn = LEAD + 3 * months.length;
  const blockColumn = (index: number, offset: number) => 2 + BLOCK * index + offset;
  const chargesHeader = [
    ...LEAD_COLUMNS,
    ...months.map((_, index) => `quantity${monthLabel(index)}`),
    ...months.map((_, index) => `unitPrice${monthLabel(index)}`),
    ...months.map((_, index) => `amount${monthLabel(index)}`),
    ...(year ? [`amount ${input.year ?? 'year'}`] : []),
  ];
  const chargesRows: (Cell | undefined)[][] = [chargesHeader.map(header)];
  const helperRows: (Cell | undefined)[][] = [
    [
      'kind',
      'Charges row',
      ...months.flatMap((_, index) => [
        `M${monthLabel(index)}`,
        'R',
        'M limb 0',
        'M limb 1',
        'M limb 2',
        'R limb 0',
        'R limb 1',
        'R limb 2',
        'S',
        'remainder',
        'pence',
        'pence as shown',
      ]),
    ].map(header),
  ];
  const lineRows = new Map<string, number>();
  const linesByMonth = charges.map((result) => new Map(result.lines.map((line) => [lineKey(line), line])));

  rows.forEach((modelRow) => {
    const row = chargesRows.length + 1;
    lineRows.set(modelRow.key, row);
    const at = (column: number) => cellRef(column, row);
    const cells: (Cell | undefined)[] = [
      { value: modelRow.kind },
      modelRow.chargingGroup === undefined ? undefined : { value: modelRow.chargingGroup },
      modelRow.region === undefined ? undefined : { value: modelRow.region },
      modelRow.code === undefined ? undefined : { value: modelRow.code },
      { value: modelRow.description },
      { value: clausesOf(modelRow, statementOf) },
    ];
    const helper: (Cell | undefined)[] = [{ value: modelRow.kind }, { value: row }];
    months.forEach((_, index) => {
      const statement = statementOf[index] as ChargingStatement;
      const line = linesByMonth[index]?.get(modelRow.key);
      const amountPence = line === undefined ? 0n : (scaledInteger(line.amount, 2) as bigint);
      const q = at(quantityColumn(index));
      const p = at(priceColumn(index));
      const a = at(amountColumn(index));
      const block = (offset: number) => cellRef(blockColumn(index, offset), row);
      const shown: Cell = {
        formula: `ROUND(${sheetRef(sheet, a)}*100,0)`,
        value: Number(amountPence),
        style: 'integer',
      };
      const amountCell: Cell = {
        formula: `${sheetRef(helperSheet, block(PENCE))}/100`,
        value: Number(amountPence) / 100,
        style: 'pence',
      };
      const setBlock = (first: readonly (Cell | undefined)[]) => {
        first.forEach((cell, offset) => {
          helper[blockColumn(index, offset)] = cell;
        });
        helper[blockColumn(index, SHOWN)] = shown;
      };
      if (modelRow.kind === 'elective') {
        const elective = input.elective[modelRow.elective ?? 0] as ElectiveRow;
        cells[quantityColumn(index)] = { value: 1, style: 'integer' };
        cells[priceColumn(index)] = {
          formula: inputs.electiveCell(modelRow.elective ?? 0, index),
          value: Number(elective.amount),
          style: 'pence',
        };
        const pence: (Cell | undefined)[] = [];
        pence[PENCE] = {
          formula: `ROUND(${sheetRef(sheet, p)}*100,0)*${sheetRef(sheet, q)}`,
          value: Number(amountPence),
          style: 'integer',
        };
        setBlock(pence);
        cells[amountColumn(index)] = amountCell;
        return;
      }
      const perMeter = modelRow.kind !== 'explicit';
      const priceRef = rates.priceCell(statement, modelRow.key);
      const priceText = priceRef === undefined ? undefined : priceOf(statement, modelRow);
      const quantityText = priceRef === undefined ? undefined : (line?.quantity ?? '0');
      const quantityScale = perMeter ? 0 : QUANTITY_SCALE;
      const m = quantityText === undefined ? 0n : scaledInteger(quantityText, quantityScale);
      const r = priceText === undefined ? 0n : scaledInteger(priceText, RATE_SCALE);
      const exact =
        m !== undefined &&
        r !== undefined &&
        m < EXACT_FORMULA_BOUNDS.scaledQuantity &&
        r < EXACT_FORMULA_BOUNDS.scaledRate &&
        (quantityText === undefined || fitsNumberCell(quantityText)) &&
        (priceText === undefined || fitsNumberCell(priceText)) &&
        exactPence(m, r, quantityScale + RATE_SCALE - 2, rounding).pence < EXACT_FORMULA_BOUNDS.pence;
      if (!exact) {
        // Outside the exact formulas' bounds: the library's figures as values, flagged.
        cells[quantityColumn(index)] =
          quantityText === undefined
            ? undefined
            : flags.decimal(quantityText, perMeter ? 'integer' : 'quantity', sheet, q, `${modelRow.kind} quantity`);
        cells[priceColumn(index)] =
          priceText === undefined
            ? undefined
            : flags.decimal(priceText, 'rate', sheet, p, `${modelRow.kind} unit price`);
        cells[amountColumn(index)] = { value: Number(amountPence) / 100, style: 'pence' };
        flags.notes.push({
          sheet,
          cell: a,
          value: line?.amount ?? '0.00',
          what: 'a value, not a formula: its quantity or price is outside the bounds of the exact formulas (decision 0054)',
        });
        const pence: (Cell | undefined)[] = [];
        pence[PENCE] = { formula: `ROUND(${sheetRef(sheet, a)}*100,0)`, value: Number(amountPence), style: 'integer' };
        setBlock(pence);
        return;
      }
      if (priceRef !== undefined) {
        const quantityFormula = perMeter
          ? chargeableFormula(modelRow, rates.ruleCells(statement, modelRow.kind as PerMeterChargeType), inputs, index)
          : `SUMIFS(${inputs.usageRange.quantity(index)},${inputs.usageRange.code},"${modelRow.code ?? ''}")`;
        cells[quantityColumn(index)] = {
          formula: quantityFormula,
          value: savedNumber(quantityText) ?? 0,
          style: perMeter ? 'integer' : 'quantity',
        };
        cells[priceColumn(index)] = { formula: priceRef, value: savedNumber(priceText) ?? 0, style: 'rate' };
      }
      const helpers: HelperCell[] = roundingCells(
        0,
        row,
        { formula: scaledFormula(sheetRef(sheet, q), quantityScale), value: m as bigint },
        { formula: scaledFormula(sheetRef(sheet, p), RATE_SCALE), value: r as bigint },
        quantityScale + RATE_SCALE - 2,
        rounding,
        (column, helperRow) => cellRef(blockColumn(index, column), helperRow),
      );
      const computed = BigInt(helpers[PENCE]?.value ?? 0);
      if (computed !== amountPence) {
        throw new InvariantError(
          'unreachable',
          `the model's pence ${computed} differ from the library's ${amountPence} for ${modelRow.key} in ${months[index]}`,
        );
      }
      setBlock(helpers.map((cell) => ({ ...cell, style: 'integer' as const })));
      cells[amountColumn(index)] = amountCell;
    });
    if (year) {
      const total = months.reduce(
        (sum, _, index) =>
          sum +
          (linesByMonth[index]?.get(modelRow.key) === undefined
            ? 0n
            : (scaledInteger(linesByMonth[index]?.get(modelRow.key)?.amount ?? '0', 2) as bigint)),
        0n,
      );
      cells[annualColumn] = {
        formula: `(${months.map((_, index) => sheetRef(helperSheet, cellRef(blockColumn(index, SHOWN), row))).join('+')})/100`,
        value: Number(total) / 100,
        style: 'totalPence',
      };
    }
    chargesRows.push(cells);
    helperRows.push(helper);
  });

  // Totals: by kind, net, VAT, gross; in whole pence on the Rounding sheet.
  const firstLine = 2;
  const lastLine = Math.max(chargesRows.length, firstLine);
  chargesRows.push([]);
  helperRows.push([]);
  const totalRows = {} as Record<ModelTotal, number>;
  const kindRange = sheetRef(helperSheet, `$A$${firstLine}:$A$${lastLine}`);
  const shownRange = (index: number) =>
    sheetRef(
      helperSheet,
      `${cellRef(blockColumn(index, SHOWN), firstLine)}:${cellRef(blockColumn(index, SHOWN), lastLine)}`,
    );
  const totalPence = (total: ModelTotal, index: number): bigint => {
    const totals = charges[index]?.totals;
    if (totals === undefined) throw new InvariantError('unreachable', 'a month without charges');
    return scaledInteger(totals[total], 2) as bigint;
  };
  for (const total of MODEL_TOTALS) {
    const row = chargesRows.length + 1;
    totalRows[total] = row;
    const cells: (Cell | undefined)[] = [
      { value: total === 'net' || total === 'vat' || total === 'gross' ? total : `total ${total}`, style: 'totalText' },
      undefined,
      undefined,
      undefined,
      { value: TOTAL_LABELS[total], style: 'totalText' },
      undefined,
    ];
    const helper: (Cell | undefined)[] = [{ value: `total ${total}` }, { value: row }];
    months.forEach((_, index) => {
      const pence = totalPence(total, index);
      const block = (offset: number) => cellRef(blockColumn(index, offset), row);
      const place = (helperCells: readonly (Cell | undefined)[]) =>
        helperCells.forEach((cell, offset) => (helper[blockColumn(index, offset)] = cell));
      const netCell = cellRef(blockColumn(index, PENCE), totalRows.net ?? row);
      switch (total) {
        case 'fixed':
        case 'fixedCh':
        case 'fixedAltHan':
        case 'explicit':
        case 'elective': {
          const cellsOfBlock: (Cell | undefined)[] = [];
          cellsOfBlock[PENCE] = {
            formula: `SUMIFS(${shownRange(index)},${kindRange},"${total}")`,
            value: Number(pence),
            style: 'integer',
          };
          place(cellsOfBlock);
          break;
        }
        case 'net': {
          const cellsOfBlock: (Cell | undefined)[] = [];
          cellsOfBlock[PENCE] = { formula: `SUM(${shownRange(index)})`, value: Number(pence), style: 'integer' };
          place(cellsOfBlock);
          break;
        }
        case 'vat': {
          const netPence = totalPence('net', index);
          const vatScaled = scaledInteger(input.vatRate, RATE_SCALE) as bigint;
          const vatHelpers = roundingCells(
            0,
            row,
            { formula: `ABS(${netCell})`, value: netPence < 0n ? -netPence : netPence },
            { formula: scaledFormula(inputs.vatRateRef, RATE_SCALE), value: vatScaled },
            RATE_SCALE,
            rounding,
            (column, helperRow) => cellRef(blockColumn(index, column), helperRow),
          );
          // The VAT takes the sign of the net (signedFormula: never -0 on a negative net whose VAT rounds to nothing).
          const unsigned = vatHelpers[PENCE] as HelperCell;
          const signed = netPence < 0n ? -BigInt(unsigned.value) : BigInt(unsigned.value);
          if (signed !== pence)
            throw new InvariantError('unreachable', `the model's VAT differs from the library's in ${months[index]}`);
          const unsignedRef = cellRef(blockColumn(index, SHOWN), row);
          place([
            ...vatHelpers.slice(0, PENCE).map((cell) => ({ ...cell, style: 'integer' as const })),
            { formula: signedFormula(netCell, unsignedRef), value: Number(pence), style: 'integer' },
            { ...unsigned, style: 'integer' },
          ]);
          break;
        }
        case 'gross': {
          const cellsOfBlock: (Cell | undefined)[] = [];
          cellsOfBlock[PENCE] = {
            formula: `${netCell}+${cellRef(blockColumn(index, PENCE), totalRows.vat)}`,
            value: Number(pence),
            style: 'integer',
          };
          place(cellsOfBlock);
          break;
        }
      }
      cells[amountColumn(index)] = {
        formula: `${sheetRef(helperSheet, block(PENCE))}/100`,
        value: Number(pence) / 100,
        style: 'totalPence',
      };
    });
    if (total === 'vat') {
      months.forEach((_, index) => {
        cells[priceColumn(index)] = { formula: inputs.vatRateRef, value: Number(input.vatRate), style: 'rate' };
      });
    }
    if (year) {
      const sum = months.reduce((acc, _, index) => acc + totalPence(total, index), 0n);
      cells[annualColumn] = {
        formula: `(${months.map((_, index) => sheetRef(helperSheet, cellRef(blockColumn(index, PENCE), row))).join('+')})/100`,
        value: Number(sum) / 100,
        style: 'totalPence',
      };
    }
    chargesRows.push(cells);
    helperRows.push(helper);
  }

  // A check: meters typed for a Charging Group the month's statement gives no fixed rate for are charged by no row.
  const checkRow = chargesRows.length + 2;
  const check: (Cell | undefined)[] = [
    { value: 'check', style: 'totalText' },
    undefined,
    undefined,
    undefined,
    {
      value:
        'Meters in Charging Groups the statement in force gives no fixed rate for: charged by no row (dcc-charges charges refuses them); 0 expected',
    },
    undefined,
  ];
  months.forEach((_, index) => {
    const statement = statementOf[index] as ChargingStatement;
    const unpriced = CHARGING_GROUPS.filter(
      (group) => !statement.fixedCharges.some((rate) => rate.chargingGroup === group),
    );
    check[quantityColumn(index)] =
      unpriced.length === 0
        ? { value: 0, style: 'integer' }
        : {
            formula: unpriced
              .map((group) => `SUMIFS(${inputs.meterRange.count(index)},${inputs.meterRange.group},"${group}")`)
              .join('+'),
            value: 0,
            style: 'integer',
          };
  });
  chargesRows.push([], check);
  const monthColumns = months.map((month, index) => ({
    month,
    quantity: columnLetters(quantityColumn(index)),
    unitPrice: columnLetters(priceColumn(index)),
    amount: columnLetters(amountColumn(index)),
  }));
  const about = [
    `Working model of DCC charges for ${year ? `the Regulatory Year ${input.year ?? ''} (${months[0]} to ${months[months.length - 1]})` : months[0]}, written by dcc-charges.`,
    `Statements in force: ${inForce.map((statement) => `"${statement.title}" (${statement.id}, for ${monthsInForce(statement, months, statementOf)})`).join('; ')}.`,
    ...inForce.flatMap((statement) => {
      const note = provenanceNote(statement);
      return note === undefined ? [] : [`Note: ${note}`];
    }),
    `Edit the shaded cells of the Inputs sheet. Quantities of per-meter lines are the chargeable meters summed from the Inputs under the rules on the Rates sheet (decision 0055); prices refer to the Rates sheet.`,
    `Amounts are rounded ${rounding} to pence by exact whole-number arithmetic on the Rounding sheet (decision 0054); a total by kind and the net are sums of the line amounts as shown, VAT = round(net x VAT rate) ${rounding}, gross = net + VAT${year ? '; the annual column sums the months' : ''} (decision 0056).`,
    `Bounds: the formulas are exact for quantities with at most 4 decimal places (meters: whole), prices with at most 10 decimal places below 100000, scaled quantity below 10^13 and amounts below 10^12 pounds; figures typed outside them are not checked. Counts typed for a Charging Group that the statement in force has no fixed rate for are charged by no row (dcc-charges charges refuses them): the check row below the gross counts them and should be 0.`,
    ...charges.map(
      (result) =>
        `Check ${result.month}: net ${result.totals.net}, VAT ${result.totals.vat}, gross ${result.totals.gross} as computed by dcc-charges charges.`,
    ),
    ...(year
      ? [
          `Check ${input.year ?? 'year'}: net ${penceText(sumPence(charges, 'net'))}, VAT ${penceText(sumPence(charges, 'vat'))}, gross ${penceText(sumPence(charges, 'gross'))}, the sums of the months.`,
        ]
      : []),
  ];
  const sheets: SheetSpec[] = [
    {
      name: sheet,
      rows: chargesRows,
      widths: [
        12,
        22,
        9,
        24,
        72,
        10,
        ...months.map(() => 12),
        ...months.map(() => 13),
        ...months.map(() => 14),
        ...(year ? [16] : []),
      ],
      freezeRows: 1,
      freezeColumns: year ? LEAD : 0,
    },
    inputs.sheet,
    rates.sheet,
    {
      name: helperSheet,
      rows: helperRows,
      widths: [16, 10, ...months.flatMap(() => [16, 18, 9, 9, 9, 9, 9, 9, 5, 16, 14, 14])],
      freezeRows: 1,
    },
    notesSheet(flags, about),
  ];
  return {
    sheets,
    charges,
    layout: {
      lineRows,
      totalRows,
      checkRow,
      monthColumns,
      ...(year ? { annualColumn: columnLetters(annualColumn) } : {}),
      vatRateCell: inputs.vatRateCell,
      meterRows: inputs.meterRows,
      meterCountColumns: inputs.meterCountColumns,
      usageRows: inputs.usageRows,
      usageColumns: inputs.usageColumns,
    },
  };
}

/** A total summed over the months, in pence. */
function sumPence(charges: readonly MonthlyCharges[], total: ModelTotal): bigint {
  return charges.reduce((sum, result) => sum + (scaledInteger(result.totals[total], 2) as bigint), 0n);
}

/** The months of the model a statement is in force for, as a range. */
function monthsInForce(
  statement: ChargingStatement,
  months: readonly Month[],
  statementOf: readonly ChargingStatement[],
): string {
  const own = months.filter((_, index) => statementOf[index] === statement);
  return own.length === 1 ? (own[0] as string) : `${own[0] ?? ''} to ${own[own.length - 1] ?? ''}`;
}

/** The rate or price of a row under a statement. */
function priceOf(statement: ChargingStatement, row: ModelRow): string | undefined {
  switch (row.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan':
      return statement[LIST_OF[row.kind]].find(
        (rate) => rate.chargingGroup === row.chargingGroup && rate.region === row.region,
      )?.ratePerMeterMonth;
    case 'explicit':
      return statement.explicitCharges.find((charge) => charge.code === row.code)?.unitPrice;
    case 'elective':
      return undefined;
  }
}

/** The clause(s) of a row over the months (a per-meter clause depends on each statement's regime). */
function clausesOf(row: ModelRow, statementOf: readonly ChargingStatement[]): string {
  switch (row.kind) {
    case 'fixed':
    case 'fixedCh':
    case 'fixedAltHan': {
      const type = row.kind;
      return [...new Set(statementOf.map((statement) => clauseOfChargeType(type, statement.regime)))].join(', ');
    }
    case 'explicit':
      return 'K7';
    case 'elective':
      return 'K8';
  }
}

/** The same issue reported for several months once. */
function dedupe(issues: readonly InputIssue[]): InputIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
