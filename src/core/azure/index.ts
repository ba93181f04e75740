export * from './clouds';
export * from './errors';
export * from './types';
export * from './client';
export * from './registryBridge';
export * from './loginServer';
export * from './selection';
export { decodeJwtClaims } from './jwt';
