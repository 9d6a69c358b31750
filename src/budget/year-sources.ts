/**
 * The Charging Statement of each year of a budget: given inline or in a file (published or
 * indicative), or derived from methodology inputs. Files are read through a reader the caller
 * passes, so the core needs no file system.
 */
import { collectInputIssues, InputError, type InputIssue } from '../errors/input-error.js';
import { parseChargingStatement } from '../statement/parse-statement.js';
import type { ChargingStatement } from '../statement/statement-schema.js';
import { parseJsonText } from '../tables/read-table.js';
import { monthsOfRegulatoryYear, type RegulatoryYear } from '../vocabulary/months.js';
import type { BudgetScenario, StatementStatus } from './scenario-schema.js';
import { parseMethodologyInputs } from '../methodology/parse-inputs.js';
import type { MethodologyInputs } from '../methodology/inputs-schema.js';

/**
 * Reads a file a scenario names, by its path as written in the scenario.
 * @returns the text and a label for messages (such as the path resolved against the scenario).
 * @throws InputError when the file cannot be read.
 */
export type ScenarioFileReader = (path: string) => { readonly text: string; readonly source: string };

/** A year whose statement is given. */
export interface StatementYear {
  readonly kind: 'statement';
  readonly regulatoryYear: RegulatoryYear;
  readonly status: StatementStatus | undefined;
  readonly statement: ChargingStatement;
  /** The file it came from, when not inline. */
  readonly file: string | undefined;
}

/** A year whose statement is derived from methodology inputs (validated, not yet derived). */
export interface MethodologyYear {
  readonly kind: 'methodology';
  readonly regulatoryYear: RegulatoryYear;
  /** The validated inputs. */
  readonly inputs: MethodologyInputs;
  /** Label of the inputs for messages: the file, or the scenario's label when inline. */
  readonly source: string | undefined;
  /** Path of the inputs inside their source (empty for a file). */
  readonly path: readonly (string | number)[];
  readonly file: string | undefined;
}

/** Where a year's statement comes from. */
export type YearSource = StatementYear | MethodologyYear;

/** Moves issues of a document found inside the scenario under its path there. */
export function placeIssues(
  issues: readonly InputIssue[],
  source: string | undefined,
  prefix: readonly (string | number)[],
): InputIssue[] {
  return issues.map((issue) => ({
    ...issue,
    ...(source === undefined ? {} : { source }),
    path: [...prefix, ...(issue.path ?? [])],
  }));
}

/** Checks that a year's statement is for that year and in force for all of its months. */
export function checkStatementCoversYear(
  statement: ChargingStatement,
  year: RegulatoryYear,
  where: { source?: string; path: readonly (string | number)[] },
): InputIssue[] {
  const location = { ...(where.source === undefined ? {} : { source: where.source }), path: where.path };
  if (statement.regulatoryYear !== year) {
    return [
      {
        ...location,
        code: 'yearMismatch',
        expected: `a statement for the Regulatory Year ${year}`,
        received: `"${statement.id}" for ${statement.regulatoryYear}`,
      },
    ];
  }
  const months = monthsOfRegulatoryYear(year);
  if (statement.effectiveFrom !== months[0] || statement.effectiveTo !== months[11]) {
    return [
      {
        ...location,
        code: 'yearNotCovered',
        expected: `a statement in force for every month of ${year} (${months[0]} to ${months[11]}); a month without one cannot be budgeted`,
        received: `"${statement.id}" in force ${statement.effectiveFrom} to ${statement.effectiveTo}`,
      },
    ];
  }
  return [];
}

function load(
  value: string | Record<string, unknown>,
  scenarioSource: string | undefined,
  path: readonly (string | number)[],
  readFile: ScenarioFileReader | undefined,
): { data: unknown; source: string | undefined; prefix: readonly (string | number)[]; file: string | undefined } {
  if (typeof value !== 'string') return { data: value, source: scenarioSource, prefix: path, file: undefined };
  if (readFile === undefined) {
    throw new InputError([
      {
        ...(scenarioSource === undefined ? {} : { source: scenarioSource }),
        path,
        code: 'fileNotRead',
        expected: 'the document itself (a file path needs a file reader; the command line passes one)',
        received: JSON.stringify(value),
      },
    ]);
  }
  const { text, source } = readFile(value);
  return { data: parseJsonText(text, source), source, prefix: [], file: value };
}

/**
 * Reads the statement or methodology inputs of every year; all problems are reported together.
 * @throws InputError for a file that cannot be read, an invalid statement, or a statement
 * that is not for its year or not in force for all of it.
 */
export function resolveYearSources(
  scenario: BudgetScenario,
  scenarioSource: string | undefined,
  readFile: ScenarioFileReader | undefined,
): YearSource[] {
  const issues: InputIssue[] = [];
  const sources: YearSource[] = [];
  scenario.years.forEach((year, index) => {
    collectInputIssues(issues, () => {
      if (year.statement !== undefined) {
        const path = ['years', index, 'statement'];
        const loaded = load(year.statement, scenarioSource, path, readFile);
        let statement: ChargingStatement;
        try {
          statement = parseChargingStatement(loaded.data, loaded.source);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          throw new InputError(placeIssues(error.issues, loaded.source, loaded.prefix));
        }
        const covered = checkStatementCoversYear(statement, year.regulatoryYear, {
          ...(scenarioSource === undefined ? {} : { source: scenarioSource }),
          path,
        });
        if (covered.length > 0) throw new InputError(covered);
        sources.push({
          kind: 'statement',
          regulatoryYear: year.regulatoryYear,
          status: year.status,
          statement,
          file: loaded.file,
        });
      } else if (year.methodologyInputs !== undefined) {
        const path = ['years', index, 'methodologyInputs'];
        const loaded = load(year.methodologyInputs, scenarioSource, path, readFile);
        let inputs: MethodologyInputs;
        try {
          inputs = parseMethodologyInputs(loaded.data, loaded.source);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          throw new InputError(placeIssues(error.issues, loaded.source, loaded.prefix));
        }
        if (inputs.regulatoryYear !== year.regulatoryYear) {
          throw new InputError([
            {
              ...(scenarioSource === undefined ? {} : { source: scenarioSource }),
              path,
              code: 'yearMismatch',
              expected: `methodology inputs for the Regulatory Year ${year.regulatoryYear}`,
              received: `"${inputs.id}" for ${inputs.regulatoryYear}`,
            },
          ]);
        }
        sources.push({
          kind: 'methodology',
          regulatoryYear: year.regulatoryYear,
          inputs,
          source: loaded.source,
          path: loaded.prefix,
          file: loaded.file,
        });
      }
    });
  });
  if (issues.length > 0) throw new InputError(issues);
  return sources;
}
