import { createMemoryWorkerHeartbeats } from '../../../src/store/memory/worker-heartbeats';
import { describeWorkerHeartbeatsContract } from '../../ports/contracts/worker-heartbeats-contract';

describeWorkerHeartbeatsContract('in memory', () => createMemoryWorkerHeartbeats());
