import { createMemoryInFlightMarker } from '../../../src/store/memory/in-flight-marker';
import { describeInFlightMarkerContract } from '../../ports/contracts/in-flight-marker-contract';

describeInFlightMarkerContract('in memory', () => createMemoryInFlightMarker());
