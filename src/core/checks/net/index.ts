/** The `net.*` checks: DNS → TCP → TLS / challenge → firewall, throttling → data endpoint → throughput. */
import type { Check } from '../types';
import { challengeCheck } from './challenge';
import { dataEndpointCheck } from './data-endpoint';
import { dnsCheck } from './dns';
import { firewallCheck } from './firewall';
import { tcpCheck } from './tcp';
import { throttlingCheck } from './throttling';
import { throughputCheck } from './throughput';
import { tlsCheck } from './tls';

export const checks: Check[] = [dnsCheck, tcpCheck, tlsCheck, challengeCheck, firewallCheck, throttlingCheck, dataEndpointCheck, throughputCheck];
