export { DISTRIBUTION_KINDS, type Distribution, draw } from './distributions.ts';
export { seededRandom } from './seeded-random.ts';
export { type SimBehaviour, SimTelephony } from './sim-telephony.ts';
export { startTraffic, type TrafficStream } from './sim-traffic.ts';
