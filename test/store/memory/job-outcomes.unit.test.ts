import { createMemoryJobOutcomes } from '../../../src/store/memory/job-outcomes';
import { describeJobOutcomesContract } from '../../ports/contracts/job-outcomes-contract';

describeJobOutcomesContract('in memory', () => createMemoryJobOutcomes());
