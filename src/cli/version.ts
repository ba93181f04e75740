// Replaced at bundle time by esbuild's `define`; 'dev' when run from source.
declare const ACR_DOCTOR_VERSION: string | undefined;

export function cliVersion(): string {
  return typeof ACR_DOCTOR_VERSION === 'string' ? ACR_DOCTOR_VERSION : 'dev';
}
