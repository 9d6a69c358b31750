/**
 * User Roles [V] and the Charging Group each role's registrations fall in [P].
 * Registered Supplier Agents and Other Users are in no Charging Group: they pay no fixed
 * charges, only explicit and elective ones.
 */
import type { ChargingGroup } from './charging-groups.js';

/** The seven User Roles. */
export const USER_ROLES = [
  'importSupplier',
  'exportSupplier',
  'gasSupplier',
  'electricityDistributor',
  'gasTransporter',
  'registeredSupplierAgent',
  'otherUser',
] as const;

/** A User Role. */
export type UserRole = (typeof USER_ROLES)[number];

/** The Charging Group of each User Role, or `undefined` for roles in none. */
export const CHARGING_GROUP_OF_ROLE: Record<UserRole, ChargingGroup | undefined> = {
  importSupplier: 'importSupplier',
  exportSupplier: 'exportSupplier',
  gasSupplier: 'gasSupplier',
  electricityDistributor: 'electricityDistributor',
  gasTransporter: 'gasTransporter',
  registeredSupplierAgent: undefined,
  otherUser: undefined,
};
