import { createMemoryRpoAlertState } from '../../../src/store/memory/rpo-alert-state';
import { describeRpoAlertStateContract } from '../../ports/contracts/rpo-alert-state-contract';

describeRpoAlertStateContract('in memory', () => createMemoryRpoAlertState());
