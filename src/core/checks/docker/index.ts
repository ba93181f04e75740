/** The `docker.*` checks. One file per check beside this one; add each to the array. */
import { dockerCli } from './cli';
import { dockerDaemon } from './daemon';
import { dockerVersion } from './version';
import { dockerPull } from './pull';
import { dockerConfigLowercase } from './configLowercase';
import { dockerCredsStore } from './credsStore';
import { dockerSignatureVerification } from './signatureVerification';
import { dockerSocketInContainer } from './socketInContainer';
import type { Check } from '../types';

export const checks: Check[] = [dockerCli, dockerDaemon, dockerVersion, dockerPull, dockerConfigLowercase, dockerCredsStore, dockerSignatureVerification, dockerSocketInContainer];
