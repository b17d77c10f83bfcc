import { createMemoryExposureStore } from '../../../src/store/memory/exposure-store';
import { describeExposureStoreContract } from '../../ports/contracts/exposure-store-contract';

describeExposureStoreContract('in memory', () => createMemoryExposureStore());
