/**
 * Charging Groups (SEC Section K; docs/methodology.md).
 * g1 Import Suppliers, g2 Export Suppliers, g3 Gas Suppliers [V];
 * g4 Electricity Distributors, g5 Gas Transporters [P].
 */

/** The five Charging Groups, in SEC order g1..g5. */
export const CHARGING_GROUPS = [
  'importSupplier',
  'exportSupplier',
  'gasSupplier',
  'electricityDistributor',
  'gasTransporter',
] as const;

/** A Charging Group identifier. */
export type ChargingGroup = (typeof CHARGING_GROUPS)[number];

/** The SEC symbol of each Charging Group. */
export const CHARGING_GROUP_SYMBOLS = {
  importSupplier: 'g1',
  exportSupplier: 'g2',
  gasSupplier: 'g3',
  electricityDistributor: 'g4',
  gasTransporter: 'g5',
} as const satisfies Record<ChargingGroup, string>;

/** A SEC Charging Group symbol, `g1`..`g5`. */
export type ChargingGroupSymbol = (typeof CHARGING_GROUP_SYMBOLS)[ChargingGroup];

/**
 * The Communications Hub Charging Groups: only g1..g3 pay Fixed CH Charges (K3.9-K3.10 [V]);
 * the library applies the same set to Fixed Alt HAN Charges [R].
 */
export const CH_CHARGING_GROUPS = ['importSupplier', 'exportSupplier', 'gasSupplier'] as const;

/** A Communications Hub Charging Group (g1..g3). */
export type ChChargingGroup = (typeof CH_CHARGING_GROUPS)[number];

/** Display names of the Charging Groups. */
export const CHARGING_GROUP_NAMES: Record<ChargingGroup, string> = {
  importSupplier: 'Import Suppliers',
  exportSupplier: 'Export Suppliers',
  gasSupplier: 'Gas Suppliers',
  electricityDistributor: 'Electricity Distributors',
  gasTransporter: 'Gas Transporters',
};

/** Groups whose meter points are electricity meters (MPANs). */
export const ELECTRICITY_GROUPS: readonly ChargingGroup[] = [
  'importSupplier',
  'exportSupplier',
  'electricityDistributor',
];

/** A spelling an input may use for a Charging Group: its identifier or its symbol g1..g5. */
export type ChargingGroupSpelling = ChargingGroup | ChargingGroupSymbol;

/** Every spelling an input may use for a Charging Group: identifiers and g1..g5. */
export const CHARGING_GROUP_SPELLINGS: readonly [ChargingGroup, ...ChargingGroupSpelling[]] = [
  ...CHARGING_GROUPS,
  ...Object.values(CHARGING_GROUP_SYMBOLS),
];

/**
 * Reads a Charging Group written as its identifier or as its symbol (`g1`..`g5`).
 * @returns the identifier, or `undefined` when the text names no Charging Group.
 * @example parseChargingGroup('g3') // 'gasSupplier'
 */
export function parseChargingGroup(text: string): ChargingGroup | undefined {
  for (const group of CHARGING_GROUPS) {
    if (text === group || text === CHARGING_GROUP_SYMBOLS[group]) return group;
  }
  return undefined;
}

/** True when the group is one of the Communications Hub Charging Groups g1..g3. */
export function isChChargingGroup(group: ChargingGroup): group is ChChargingGroup {
  return (CH_CHARGING_GROUPS as readonly string[]).includes(group);
}
