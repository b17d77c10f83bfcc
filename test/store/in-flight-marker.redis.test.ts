import { createInFlightMarker } from '../../src/store/in-flight-marker';
import { redisStorePrefixes } from '../support/redis-store-prefixes';
import { describeInFlightMarkerContract } from '../ports/contracts/in-flight-marker-contract';

const stores = redisStorePrefixes('in-flight');
afterAll(() => stores.close());

describeInFlightMarkerContract('Redis', () => createInFlightMarker(stores.redis, stores.keys()));
