/**
 * The Charging Statement file format `dcc-charges/charging-statement@1`: the published
 * parameters of one statement (rates per Charging Group and Region, explicit prices).
 * The JSON Schema shipped in `schemas/` is generated from this zod schema.
 */
import { reportFinding } from '../schema/issues.js';
import * as z from 'zod';
import {
  chargingGroupField,
  chChargingGroupField,
  monthField,
  rateField,
  rateRegionField,
  regimeField,
  regulatoryYearField,
  textField,
} from '../schema/fields.js';
import { CHARGING_GROUPS } from '../vocabulary/charging-groups.js';
import { REGIONS } from '../vocabulary/regions.js';
import { isRegulatoryYear, monthsOfRegulatoryYear } from '../vocabulary/months.js';
import { CHARGEABILITY } from './chargeable-meters.js';

/** The format tag of Charging Statement files. */
export const CHARGING_STATEMENT_FORMAT = 'dcc-charges/charging-statement@1';

const chargeabilityField = z.enum(CHARGEABILITY, { error: 'one of "all", "enrolled", "none"' });

const chargeableMeterRuleSchema = z.strictObject({
  domestic: chargeabilityField,
  nonDomestic: chargeabilityField,
});

/** Overrides of the chargeable-meter rules, per per-meter charge type (decision 0003). */
export const chargeableMeterRulesSchema = z.strictObject({
  fixed: chargeableMeterRuleSchema.optional(),
  fixedCh: chargeableMeterRuleSchema.optional(),
  fixedAltHan: chargeableMeterRuleSchema.optional(),
});

/** Where a document's figures come from: publisher, document, issue, date, address. */
export const sourceSchema = z.strictObject({
  publisher: textField('the publisher'),
  document: textField('the document title'),
  issue: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
});

/** Where in the source document a rate is printed, such as "Table 1". */
const tableField = textField('the table of the source document that prints this rate, such as "Table 1"');

const fixedRateSchema = z.strictObject({
  chargingGroup: chargingGroupField,
  region: rateRegionField,
  ratePerMeterMonth: rateField,
  table: tableField.optional(),
});

const chRateSchema = z.strictObject({
  chargingGroup: chChargingGroupField,
  region: rateRegionField,
  ratePerMeterMonth: rateField,
  table: tableField.optional(),
});

/** The provenance statuses of a statement's figures (decision 0090). */
export const PROVENANCE_STATUSES = ['published', 'reported', 'illustrative'] as const;

/** Whether a statement's figures are published, reported second-hand or invented. */
export type ProvenanceStatus = (typeof PROVENANCE_STATUSES)[number];

/**
 * Where a statement's figures come from (decision 0090): `published` (transcribed by us from
 * the DCC's document, each rate naming its table), `reported` (taken from someone else's
 * transcription, naming whose and where it was seen) or `illustrative` (invented).
 */
export const provenanceSchema = z.discriminatedUnion(
  'status',
  [
    z.strictObject({ status: z.literal('published') }),
    z.strictObject({
      status: z.literal('reported'),
      reportedBy: textField('whose transcription the figures are taken from'),
      seenIn: textField('where the transcription was seen (document, address)'),
      caveat: z.string().optional(),
    }),
    z.strictObject({ status: z.literal('illustrative') }),
  ],
  { error: 'a provenance: { "status": "published" | "reported" | "illustrative", ... }' },
);

/**
 * A statement's provenance; a file without one is `illustrative` or `published` by its `illustrative` flag.
 * @useDeclaredType
 */
export type StatementProvenance = z.output<typeof provenanceSchema>;

const explicitChargeSchema = z.strictObject({
  code: textField('an Explicit Charging Metric code'),
  description: textField('a description'),
  unit: textField('the unit priced, such as "per hub"'),
  unitPrice: rateField,
  source: z.string().optional(),
});

/** Input shape of a rate row, before Charging Group symbols are read as identifiers. */
type RateRow = { readonly chargingGroup: string; readonly region: string };

function checkRateRows(rows: readonly RateRow[], field: string, context: z.core.$RefinementCtx): void {
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = `${row.chargingGroup}/${row.region}`;
    const first = seen.get(key);
    if (first !== undefined) {
      reportFinding(context, {
        path: [field, index],
        code: 'duplicateRow',
        expected: `one rate per Charging Group and region; "${row.chargingGroup}" in "${row.region}" is also at ${field}[${first}]`,
      });
    } else {
      seen.set(key, index);
    }
  });
}

/** Reports every Explicit Charge code used before in the same `explicitCharges` list. */
export function checkUniqueExplicitCodes(
  rows: readonly { readonly code: string }[],
  context: z.core.$RefinementCtx,
): void {
  const codes = new Map<string, number>();
  rows.forEach((row, index) => {
    const first = codes.get(row.code);
    if (first !== undefined) {
      reportFinding(context, {
        path: ['explicitCharges', index, 'code'],
        code: 'duplicateKey',
        expected: `a code not used before; "${row.code}" is also at explicitCharges[${first}]`,
      });
    } else {
      codes.set(row.code, index);
    }
  });
}

/** The zod schema of a Charging Statement file, with its cross-field rules. */
export const chargingStatementSchema = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(CHARGING_STATEMENT_FORMAT, { error: `"${CHARGING_STATEMENT_FORMAT}"` }),
    id: textField('a statement id'),
    title: textField('a title'),
    regulatoryYear: regulatoryYearField,
    effectiveFrom: monthField,
    effectiveTo: monthField,
    regime: regimeField,
    illustrative: z.boolean({ error: 'true or false: whether the figures are invented' }),
    source: sourceSchema,
    provenance: provenanceSchema.optional(),
    fixedCharges: z.array(fixedRateSchema, { error: 'a list of fixed rates' }),
    fixedChCharges: z.array(chRateSchema, { error: 'a list of Fixed CH rates (may be empty)' }),
    fixedAltHanCharges: z.array(chRateSchema, { error: 'a list of Fixed Alt HAN rates (may be empty)' }),
    explicitCharges: z.array(explicitChargeSchema, { error: 'a list of Explicit Charges (may be empty)' }),
    chargeableMeters: chargeableMeterRulesSchema.optional(),
    notes: z.array(z.string()).optional(),
    derivedFrom: z.strictObject({ inputsId: z.string(), ratePrecision: z.number().int().nonnegative() }).optional(),
  })
  .superRefine((statement, context) => {
    if (!isRegulatoryYear(statement.regulatoryYear)) return;
    const months = monthsOfRegulatoryYear(statement.regulatoryYear);
    for (const field of ['effectiveFrom', 'effectiveTo'] as const) {
      if (!months.includes(statement[field])) {
        reportFinding(context, {
          path: [field],
          expected: `a month inside the Regulatory Year ${statement.regulatoryYear} (${months[0]} to ${months[11]})`,
        });
      }
    }
    if (statement.effectiveFrom > statement.effectiveTo) {
      reportFinding(context, {
        path: ['effectiveTo'],
        code: 'invalidRange',
        expected: `a month no earlier than effectiveFrom (${statement.effectiveFrom})`,
      });
    }
    const status = statement.provenance?.status ?? (statement.illustrative ? 'illustrative' : 'published');
    if (statement.provenance !== undefined && (status === 'illustrative') !== statement.illustrative) {
      reportFinding(context, {
        path: ['illustrative'],
        expected: `${status === 'illustrative'} for a statement whose provenance is "${status}"`,
      });
    }
    if (statement.provenance?.status === 'published') {
      for (const field of ['fixedCharges', 'fixedChCharges', 'fixedAltHanCharges'] as const) {
        statement[field].forEach((row, index) => {
          if (row.table === undefined) {
            reportFinding(context, {
              path: [field, index, 'table'],
              expected:
                'the table of the published document that prints this rate (a published statement names the table of every rate)',
            });
          }
        });
      }
    }
    checkRateRows(statement.fixedCharges, 'fixedCharges', context);
    checkRateRows(statement.fixedChCharges, 'fixedChCharges', context);
    checkRateRows(statement.fixedAltHanCharges, 'fixedAltHanCharges', context);
    for (const group of CHARGING_GROUPS) {
      if (status !== 'published' && !statement.fixedCharges.some((row) => row.chargingGroup === group)) {
        continue; // a reported or illustrative statement may leave out the groups its source does not give
      }
      const regions = new Set(
        statement.fixedCharges.filter((row) => row.chargingGroup === group).map((row) => row.region),
      );
      const allRegional = REGIONS.every((region) => regions.has(region));
      if (!regions.has('national') && !allRegional) {
        const missing = REGIONS.filter((region) => !regions.has(region));
        reportFinding(context, {
          path: ['fixedCharges'],
          code: 'groupNotCovered',
          expected:
            regions.size === 0
              ? `a fixed rate for the Charging Group "${group}" (national, or all three regions, or both)`
              : `a fixed rate for "${group}" in ${missing.join(', ')} too, or a national rate (regional rates must cover all three regions)`,
        });
      }
    }
    checkUniqueExplicitCodes(statement.explicitCharges, context);
  });

/** The provenance status of a validated statement (decision 0090). */
export function provenanceStatus(statement: Pick<ChargingStatement, 'provenance' | 'illustrative'>): ProvenanceStatus {
  return statement.provenance?.status ?? (statement.illustrative ? 'illustrative' : 'published');
}

/**
 * The note every output shows for a statement that is not published, or undefined for a
 * published one.
 */
export function provenanceNote(
  statement: Pick<ChargingStatement, 'id' | 'provenance' | 'illustrative'>,
): string | undefined {
  const provenance = statement.provenance;
  if (provenance?.status === 'reported') {
    return (
      `the Charging Statement "${statement.id}" is REPORTED: its figures are taken from a transcription by ` +
      `${provenance.reportedBy} (${provenance.seenIn}), not checked against the DCC's document; to be confirmed.`
    );
  }
  if (provenanceStatus(statement) === 'illustrative') {
    return `the Charging Statement "${statement.id}" is illustrative: its figures are invented.`;
  }
  return undefined;
}

/** A validated Charging Statement, Charging Group symbols read as identifiers. */
export type ChargingStatement = z.output<typeof chargingStatementSchema>;

/** A Charging Statement as written in a file (groups may be g1..g5). */
export type ChargingStatementInput = z.input<typeof chargingStatementSchema>;

/** One rate row of a statement. */
export type StatementRateRow = ChargingStatement['fixedCharges'][number];

/** One Explicit Charge of a statement's catalogue. */
export type ExplicitChargeRow = ChargingStatement['explicitCharges'][number];
