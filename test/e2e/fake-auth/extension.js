// @ts-check
// A plain CommonJS extension (the host loads it as is; nothing builds it).
/* eslint-disable @typescript-eslint/no-require-imports */
/* global exports */
// Test-only stand-in for VS Code's built-in Microsoft authentication (vscode.microsoft-authentication,
// disabled in the e2e host), so nothing reaches login.microsoftonline.com. It registers the provider
// id ACR Doctor asks for a custom cloud (src/extension/azure/cloudSettings.ts:
// SOVEREIGN_AUTH_PROVIDER) and hands out one access token, the ARM fixture's, for any scopes.
// Behaves like the real provider where ACR Doctor can tell: no session until the user signs in
// (createSession, after VS Code's own consent dialog); once signed in, a session for whatever scopes
// are asked (MSAL acquires those silently); removeSession signs the account out.
//
// Configured by the file named in ACR_DOCTOR_E2E_FAKE_AUTH: { accessToken, accountLabel, scopeLog }.
// scopeLog gets one JSON line per request with the scopes asked (never the token).
const vscode = require('vscode');
const { appendFileSync, readFileSync } = require('node:fs');

const PROVIDER_ID = 'microsoft-sovereign-cloud';

/** @param {vscode.ExtensionContext} context */
exports.activate = function activate(context) {
  const configPath = process.env.ACR_DOCTOR_E2E_FAKE_AUTH;
  if (!configPath) throw new Error('ACR_DOCTOR_E2E_FAKE_AUTH is not set: the e2e host names the fake sign-in configuration there.');
  /** @type {{ accessToken: string; accountLabel: string; scopeLog?: string }} */
  const config = JSON.parse(readFileSync(configPath, 'utf8'));
  const account = { id: 'e2e-account', label: config.accountLabel };
  const changed = new vscode.EventEmitter();
  let signedIn = false;

  /** @param {string} what @param {readonly string[] | undefined} scopes */
  const record = (what, scopes) => {
    if (config.scopeLog) appendFileSync(config.scopeLog, `${JSON.stringify({ what, scopes: scopes ?? null })}\n`);
  };
  /** @param {readonly string[]} scopes @returns {vscode.AuthenticationSession} */
  const sessionFor = (scopes) => ({ id: `e2e-session:${[...scopes].sort().join(' ')}`, accessToken: config.accessToken, account, scopes: [...scopes] });

  context.subscriptions.push(
    changed,
    vscode.authentication.registerAuthenticationProvider(
      PROVIDER_ID,
      'Microsoft Sovereign Cloud (e2e fake)',
      {
        onDidChangeSessions: changed.event,
        async getSessions(scopes) {
          record('getSessions', scopes);
          return signedIn ? [sessionFor(scopes ?? [])] : [];
        },
        async createSession(scopes) {
          record('createSession', scopes);
          signedIn = true;
          const session = sessionFor(scopes);
          changed.fire({ added: [session], removed: [], changed: [] });
          return session;
        },
        async removeSession(sessionId) {
          record('removeSession', undefined);
          signedIn = false;
          changed.fire({ added: [], removed: [{ ...sessionFor([]), id: sessionId }], changed: [] });
        },
      },
      { supportsMultipleAccounts: false },
    ),
  );
};

exports.deactivate = function deactivate() {};
