import 'reflect-metadata';
import { startHub } from '../../hub/src/run-hub';

// Worker alone, whatever HUB_ROLES says; run as many as the load needs.
startHub({ roles: ['worker'] });
