import { createMemoryMetricCounters } from '../../../src/store/memory/metric-counters';
import { describeMetricCountersContract } from '../../ports/contracts/metric-counters-contract';

describeMetricCountersContract('in memory', () => createMemoryMetricCounters());
