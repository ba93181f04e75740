/**
 * Public API of the Azure management-plane client (clouds, sign-in bridge, ARM client, typed errors).
 * The CLI and the extension import from here only (test/core/boundaries.test.ts enforces it).
 */
export * from './clouds';
export * from './errors';
export * from './types';
export * from './client';
export * from './registryBridge';
export * from './loginServer';
export * from './selection';
export { decodeJwtClaims } from './jwt';
