import { createMemoryObservedDurations } from '../../../src/store/memory/observed-durations';
import { describeObservedDurationsContract } from '../../ports/contracts/observed-durations-contract';

describeObservedDurationsContract('in memory', () => createMemoryObservedDurations());
