/**
 * The catalogue of every `InputIssue.code`: one code per kind of problem, the same code
 * wherever that kind of problem is found, each with its meaning. A caller can switch on
 * `InputIssueCode`; adding a code means adding it here.
 */
export const INPUT_ISSUE_CODES = {
  // The file itself
  emptyFile: 'the file holds no data (not even a header, or only a header where rows are required)',
  emptyInvoice: 'the invoice has no lines',
  fileNotRead: 'a file named in another input could not be read',
  unreadableFile: 'the file could not be read (missing, a folder, no permission)',
  unwritableFile: 'an output file could not be written',
  notEnoughSpace: 'the disk has no room for the output or for temporary data',
  malformedCsv: 'the CSV text breaks RFC 4180 (such as text after a closing quote, an unclosed quote)',
  malformedJson: 'the JSON text does not parse',
  invalidEncoding:
    'the text is not UTF-8 (UTF-16 or UTF-32, or bytes such as Latin-1 that are not UTF-8): save it as UTF-8',
  repeatedJsonKey: 'a JSON object names the same key twice (neither value is taken)',
  nestingTooDeep: 'JSON nested deeper than the formats ever need (the bound is documented with the JSON reader)',
  unknownFormat: 'the document\'s "format" tag is missing or names no format this version reads',
  formatMismatch: 'the document is of another format than the option or command expects',
  notAnObject: 'a JSON object was expected',
  notAnArray: 'a JSON array was expected',
  tooManyProblems: 'more problems than are listed: the rest are counted, not listed (or reading stopped there)',
  reportTooLarge:
    'the report would be longer than one text can be (about 512 million characters): list fewer lines or write another format',
  // Workbooks (dcc-charges/xlsx)
  notAWorkbook: 'the file is not an .xlsx workbook (or is one given where text was expected)',
  encryptedWorkbook: 'the workbook is encrypted or password-protected',
  workbookTooLarge: 'the workbook expands past the size accepted (a decompression bomb is refused)',
  missingSheet: 'the sheet named does not exist in the workbook (the sheets are listed)',
  missingHeader: 'a header cell of the sheet is empty',
  mergedCells: 'the sheet has merged cells in its table',
  cellOutsideTable: "a cell lies outside the header's columns",
  errorCell: 'a cell holds a formula error such as #DIV/0!',
  formulaWithoutValue: 'a formula cell has no cached value (recalculate and save it in a spreadsheet program)',
  inexactNumberCell:
    'a number cell holds a binary artefact (such as 0.30000000000000004) where an exact decimal is needed',
  cellTooLong: 'a cell holds more characters than a spreadsheet cell can (32,767)',
  // Columns and fields
  missingColumn: 'a required column is absent from the header',
  unknownColumn: 'the header has a column the format does not know',
  repeatedColumn: 'the header names a column twice',
  missingMappedHeader: 'a column mapping names a header the file does not have',
  raggedRow: 'a row has more or fewer cells than the header',
  missingField: 'a required field is absent',
  unknownField: 'a field the format does not know',
  unknownKey: 'an object key that names nothing known (such as a region or group)',
  missingValue: 'a required cell or value is empty',
  invalidValue: "a value breaks the field's rule (type, pattern, range or allowed values)",
  // Rows and keys
  duplicateRow: 'a row repeats the key of an earlier row (rows are never summed or merged)',
  duplicateKey: 'a code, reference or identifier repeats an earlier one where each must be unique',
  duplicateCase: 'a sensitivity case repeats the id of an earlier one',
  negativeCount: 'a count below zero',
  countTooLarge: 'a meter count beyond the largest accepted',
  forecastTooLarge: 'a forecast beyond the largest accepted',
  inconsistentAmount: 'an amount differs from quantity times unit price',
  inconsistentTotal: 'a total differs from the sum of its lines',
  mixedRounding: 'lines of one document rounded in different ways',
  // Months, years and periods
  invalidRange: 'a start after its end',
  missingMonth: 'a month is needed and was not given',
  otherMonth: 'a row is for another month than the one being computed',
  monthAndYear: 'a row gives both a month and a Regulatory Year',
  datedMeterCount: 'a meter-count row carries a month where the input must not',
  noCountsForMonth: 'the meter counts have no row for the month being computed',
  noRegistrationsForMonth:
    'the registration data has no meter point registered on any day of the month being reconciled',
  noStatementInForce: 'no Charging Statement given is in force for the month',
  overlappingStatements: 'two Charging Statements are in force for the same month',
  yearMismatch: 'a document is for another Regulatory Year than expected',
  yearMissing: 'a Regulatory Year of the range is missing',
  yearNotCovered: 'a Regulatory Year is not covered by the inputs',
  yearsOutOfOrder: 'Regulatory Years are not consecutive and in order',
  outsideScenario: 'a row or case refers to a month or year outside the scenario',
  // Domain rules
  groupNotCovered: 'a Charging Group has no fixed rate (national, or all three Regions, or both)',
  missingRegion: 'a Region is needed and can neither be read nor derived',
  missingGspGroup: 'a GSP Group is needed and can neither be read nor derived',
  missingWeightingFactor: 'a Charging Group has no weighting factor',
  zeroWeightedBase: 'the weighted meter base is zero, so no rate can be derived',
  negativeFixedRevenue: 'the fixed revenue to recover is below zero',
  unknownExplicitCode: 'a usage code the Charging Statement does not price',
  unknownChargingGroup: 'a Charging Group that is neither an identifier nor g1..g5',
  unknownPremises: 'a premises type other than domestic or nonDomestic',
  unknownRegion: 'a Region other than north, central or south',
  unknownGspGroup: 'a GSP Group outside _A.._P',
  unexpectedGspGroup: 'a GSP Group given where none applies (such as for a gas meter point)',
  gspGroupMismatch: "a GSP Group that contradicts the one the MPAN's distributor gives",
  regionMismatch: 'a Region that contradicts the one the GSP Group or MPAN gives',
  invalidMpan: 'an MPAN core that is not 13 digits',
  badCheckDigit: 'an MPAN core whose check digit is wrong',
  invalidMprn: 'an MPRN that is not 6 to 10 digits',
  invalidDate: 'a date that is not a real day written YYYY-MM-DD',
  endsBeforeStart: 'a period that ends before it starts',
  overlappingRegistration: 'two registrations of one meter point overlap',
  otherUser: "a registration names another User than the invoice's (or than the register's other rows)",
  portfolioForm: 'a portfolio mixes or lacks its forms (meters per month, or start with growth)',
  yearWithoutSource: 'a scenario year has neither a statement nor methodology inputs',
  yearWithTwoSources: 'a scenario year has both a statement and methodology inputs',
  missingGrowth: 'a year of the projection has no growth rate',
  ambiguousGrowth: 'a year of the projection has more than one growth rate',
  negativeRevenue: 'a revenue below zero',
  growthWithoutStart: 'growth rates without a starting portfolio',
  unusedGrowth: 'growth rates that apply to no year',
  sensitivityWithoutEffect: 'a sensitivity case that changes nothing',
  statusWithoutStatement: 'a status given for a year that has no statement',
  // Command-line options and files
  missingOption: 'a required option is absent',
  invalidOption: "an option's value breaks its rule or contradicts another option",
  invalidArgument:
    'a library function was given an argument of the wrong kind (nothing, null, a number where an object is expected, rows that are not iterable, an object whose properties cannot be read)',
  repeatedInput: 'the same file is given twice as input',
  repeatedOutput: 'two outputs resolve to the same file',
  repeatedStandardStream: 'standard input or output is named more than once',
  outputIsInput: 'an output resolves to one of the inputs',
  unpricedChargingGroup: 'meters are charged in a Charging Group the statement gives no rate for',
} as const satisfies Record<string, string>;

/** A machine-readable kind of input problem; see {@link INPUT_ISSUE_CODES} for each meaning. */
export type InputIssueCode = keyof typeof INPUT_ISSUE_CODES;

/** True when `code` is in the catalogue. */
export function isInputIssueCode(code: string): code is InputIssueCode {
  return Object.hasOwn(INPUT_ISSUE_CODES, code);
}
