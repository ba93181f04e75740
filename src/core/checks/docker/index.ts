/** The `docker.*` checks. One file per check beside this one; add each to the array. */
import { dockerCli } from './cli';
import { dockerDaemon } from './daemon';
import { dockerVersion } from './version';
import { dockerPull } from './pull';
import { dockerConfigLowercase } from './config-lowercase';
import { dockerCredsStore } from './creds-store';
import { dockerSignatureVerification } from './signature-verification';
import { dockerSocketInContainer } from './socket-in-container';
import type { Check } from '../types';

export const checks: Check[] = [dockerCli, dockerDaemon, dockerVersion, dockerPull, dockerConfigLowercase, dockerCredsStore, dockerSignatureVerification, dockerSocketInContainer];
